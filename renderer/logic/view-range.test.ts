import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incident';
import { testIncident } from '../../shared/domain/incident-fixtures';
import { INCIDENT_LEAD_IN_MS, PRESET_SPANS, isLive, resolveRange, windowKey, type ViewRange } from './view-range';

const NOW = 1_700_000_000_000;
const DECLARED = NOW - 30 * 60_000;

const incident = (times: Partial<Incident['times']> = {}, over: Partial<Incident> = {}): Incident =>
  testIncident(
    DECLARED,
    { detectedAt: null, ...times },
    { id: 7, ref: 'INC-20231114-001', title: 'OCR OOM', severity: 'SEV2', services: ['ocr'], ...over },
  );

const preset = (p: ViewRange['preset']): ViewRange => ({ preset: p, fromMs: null, toMs: null });
const custom = (fromMs: number, toMs: number): ViewRange => ({ preset: 'custom', fromMs, toMs });

describe('resolveRange and isLive', () => {
  it('rolls the presets with the clock', () => {
    expect(resolveRange(preset('6h'), null, NOW)).toEqual({ fromMs: NOW - PRESET_SPANS['6h'], toMs: NOW });
    expect(isLive(preset('6h'), null)).toBe(true);
  });

  it('keeps a custom window fixed, and rolls an invalid one like the last hour', () => {
    expect(resolveRange(custom(NOW - 5_000, NOW - 1_000), null, NOW)).toEqual({ fromMs: NOW - 5_000, toMs: NOW - 1_000 });
    expect(isLive(custom(NOW - 5_000, NOW - 1_000), null)).toBe(false);
    expect(resolveRange(custom(NOW, NOW - 1), null, NOW)).toEqual({ fromMs: NOW - PRESET_SPANS['1h'], toMs: NOW });
    expect(isLive(custom(NOW, NOW - 1), null)).toBe(true);
  });

  it('runs an open incident to now and a resolved (or closed) one to its end', () => {
    const open = incident({ impactStartedAt: DECLARED - 60_000 });
    expect(resolveRange(preset('incident'), open, NOW)).toEqual({ fromMs: DECLARED - 60_000 - INCIDENT_LEAD_IN_MS, toMs: NOW });
    expect(isLive(preset('incident'), open)).toBe(true);
    const resolved = incident({ resolvedAt: NOW - 60_000 });
    expect(resolveRange(preset('incident'), resolved, NOW).toMs).toBe(NOW - 60_000);
    expect(isLive(preset('incident'), resolved)).toBe(false);
    expect(isLive(preset('incident'), incident({ closedAt: NOW - 1 }))).toBe(false);
    // Without an incident the incident preset is the last hour, live.
    expect(isLive(preset('incident'), null)).toBe(true);
    // A rolling preset stays live whatever the incident's state.
    expect(isLive(preset('1h'), resolved)).toBe(true);
  });
});

describe('windowKey', () => {
  it('ignores incident fields the window does not depend on', () => {
    const a = incident();
    const edited = incident({ acknowledgedAt: NOW }, { title: 'renamed', commander: 'Dana', updatedAt: NOW });
    expect(windowKey(preset('incident'), edited)).toBe(windowKey(preset('incident'), a));
    // A rolling window does not depend on the incident at all.
    expect(windowKey(preset('1h'), incident({}, { id: 8 }))).toBe(windowKey(preset('1h'), a));
  });

  it('changes with the range and with the times the incident window is made of', () => {
    const a = incident();
    const keys = new Set([
      windowKey(preset('incident'), a),
      windowKey(preset('incident'), incident({ resolvedAt: NOW })),
      windowKey(preset('incident'), incident({ impactStartedAt: DECLARED - 1 })),
      windowKey(preset('incident'), incident({}, { id: 8 })),
      windowKey(preset('incident'), null),
      windowKey(preset('1h'), a),
      windowKey(custom(1, 2), a),
      windowKey(custom(1, 3), a),
    ]);
    expect(keys.size).toBe(8);
  });
});
