import { describe, expect, it } from 'vitest';
import { METRICS } from '../domain/telemetry';
import { evaluate } from './evaluate';
import { alert, frame, gen, OK_SOURCES } from './frame-fixtures';
import { DEFAULT_DETECTION_SETTINGS, detectionSettingsSchema, readDetectionSettings, type DetectionSettings } from './settings';

const hotGpu = gen({ node: 'gpu-node-01', gpu: '0' }, () => 0.97);
const pod = { namespace: 'ml-workers', pod: 'ocr-worker-a', container: 'worker' };
const restarts = gen(pod, (ago) => (ago <= 60 ? 1 : 0));
const sources = [...OK_SOURCES, { id: 9, name: 'Prometheus', kind: 'prometheus', state: 'ok' as const, error: null, metrics: [] }];

describe('evaluate', () => {
  it('merges a rule finding and the alerts naming the same playbook into one proposal, the rule speaking first', () => {
    const alerts = [alert('WorkerOOMKilled', { playbook: 'gpu-oom', severity: 'critical' }, { startsAt: Date.UTC(2026, 0, 15, 11, 50) })];
    const f = frame({ [METRICS.gpuMemoryShare]: [hotGpu], [METRICS.podRestarts]: [restarts] }, { alerts, sources });
    const { proposals, rules } = evaluate(f, DEFAULT_DETECTION_SETTINGS);
    expect(proposals).toHaveLength(1);
    const p = proposals[0];
    expect(p?.key).toBe('gpu-oom');
    expect(p?.sources).toEqual(['gpu-oom', 'alert']);
    expect(p?.title).toMatch(/^GPU OOM on gpu-node-01/);
    expect(p?.evidence.at(-1)?.text).toMatch(/^WorkerOOMKilled \(critical\) firing for 10m 00s/);
    // The alert fired before the GPU samples show the condition: since is the earliest.
    expect(p?.since).toBe(Date.UTC(2026, 0, 15, 11, 50));
    expect(rules.map((r) => [r.rule, r.state])).toEqual([
      ['gpu-oom', 'firing'],
      ['queue-backlog', 'no-data'],
      ['gpu-contention', 'no-data'],
      ['storage-saturation', 'no-data'],
      ['auth-outage', 'no-data'],
      ['gpu-node-failure', 'clear'],
      ['alerts', 'firing'],
    ]);
  });

  it('a rule switched off neither fires nor claims "clear"', () => {
    const off: DetectionSettings = {
      ...DEFAULT_DETECTION_SETTINGS,
      rules: { ...DEFAULT_DETECTION_SETTINGS.rules, 'gpu-oom': { ...DEFAULT_DETECTION_SETTINGS.rules['gpu-oom'], enabled: false } },
    };
    const { proposals, rules } = evaluate(frame({ [METRICS.gpuMemoryShare]: [hotGpu], [METRICS.podRestarts]: [restarts] }), off);
    expect(proposals).toEqual([]);
    expect(rules[0]).toMatchObject({ rule: 'gpu-oom', state: 'off' });
  });
});

describe('detection settings', () => {
  it('keeps the user edits of a stored document that lacks settings added later', () => {
    const stored = { rules: { 'gpu-oom': { memShare: 0.8 } }, dismissMin: 15 };
    const s = readDetectionSettings(stored);
    expect(s.rules['gpu-oom'].memShare).toBe(0.8);
    expect(s.rules['gpu-oom'].hotSec).toBe(DEFAULT_DETECTION_SETTINGS.rules['gpu-oom'].hotSec);
    expect(s.dismissMin).toBe(15);
  });

  it('falls back to the defaults for a damaged document', () => {
    expect(readDetectionSettings({ rules: { 'gpu-oom': { memShare: 'full' } } })).toEqual(DEFAULT_DETECTION_SETTINGS);
    expect(readDetectionSettings('garbage')).toEqual(DEFAULT_DETECTION_SETTINGS);
  });

  it('refuses nonsense with the field named', () => {
    const bad = {
      ...DEFAULT_DETECTION_SETTINGS,
      alertMappings: [
        { alert: 'A', playbookId: 'gpu-oom' },
        { alert: 'A', playbookId: 'auth-outage' },
      ],
    };
    const r = detectionSettingsSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['alertMappings']);
    const share = detectionSettingsSchema.safeParse({
      ...DEFAULT_DETECTION_SETTINGS,
      rules: { ...DEFAULT_DETECTION_SETTINGS.rules, 'gpu-oom': { ...DEFAULT_DETECTION_SETTINGS.rules['gpu-oom'], memShare: 1.5 } },
    });
    expect(share.error?.issues[0]?.path).toEqual(['rules', 'gpu-oom', 'memShare']);
  });
});
