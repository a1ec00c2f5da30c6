import { describe, expect, it } from 'vitest';
import { alert, frame, OK_SOURCES } from '../frame-fixtures';
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from '../settings';
import { alertsRule, playbookFor } from './alerts';

const withProm = [...OK_SOURCES, { id: 9, name: 'Prometheus', kind: 'prometheus', state: 'ok' as const, error: null, metrics: [] }];
const settings: DetectionSettings = DEFAULT_DETECTION_SETTINGS;

describe('alerts rule', () => {
  it('groups firing alerts by their playbook label and takes the most severe label', () => {
    const alerts = [
      alert('GPUMemoryPressure', { playbook: 'gpu-oom', severity: 'warning', Hostname: 'gpu-node-01' }),
      alert('WorkerOOMKilled', { playbook: 'gpu-oom', severity: 'critical' }),
      alert('AsynqQueueStuck', { playbook: 'queue-backlog', severity: 'critical', queue: 'translation' }),
    ];
    const out = alertsRule(frame({}, { alerts, sources: withProm }), settings);
    expect(out.status.state).toBe('firing');
    const oom = out.findings.find((f) => f.key === 'gpu-oom');
    expect(oom?.severity).toBe('SEV2');
    expect(oom?.title).toBe('Alerts firing: GPUMemoryPressure, WorkerOOMKilled');
    expect(oom?.affected.nodes).toEqual(['gpu-node-01']);
    expect(out.findings.find((f) => f.key === 'queue-backlog')?.affected.queues).toEqual(['translation']);
  });

  it('a user mapping wins over the label; an alert nothing maps is still suggested under its own name', () => {
    const mapped = { ...settings, alertMappings: [{ alert: 'NodeDown', playbookId: 'gpu-node-failure' }] };
    expect(playbookFor({ name: 'NodeDown', labels: { playbook: 'service-outage' } }, mapped)).toBe('gpu-node-failure');
    const out = alertsRule(frame({}, { alerts: [alert('NodeDown'), alert('DiskSlow')], sources: withProm }), mapped);
    expect(out.findings.map((f) => [f.key, f.playbookId])).toEqual([
      ['gpu-node-failure', 'gpu-node-failure'],
      ['alert:DiskSlow', null],
    ]);
  });

  it('ignores a malformed playbook label rather than trusting it', () => {
    expect(playbookFor({ name: 'X', labels: { playbook: '<script>' } }, settings)).toBeNull();
  });

  it('says "no data" when there is no alert source, and when every alert source is down', () => {
    expect(alertsRule(frame({}), settings).status.state).toBe('no-data');
    const down = withProm.map((s) => (s.id === 9 ? { ...s, state: 'down' as const, error: 'timeout' } : s));
    const out = alertsRule(frame({}, { alerts: [alert('GPUXidError', { playbook: 'gpu-node-failure' })], sources: down }), settings);
    expect(out.status.state).toBe('no-data');
    expect(out.status.detail).toContain('Prometheus is down: timeout');
    // What it last knew is still offered: an outage of Prometheus does not clear the GPU that fell off the bus.
    expect(out.findings).toHaveLength(1);
  });

  it('is clear with an alert source and nothing firing', () => {
    expect(alertsRule(frame({}, { sources: withProm }), settings).status).toMatchObject({ state: 'clear', detail: 'No alert firing.' });
  });
});
