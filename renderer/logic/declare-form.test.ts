import { describe, expect, it } from 'vitest';
import { buildDeclareInput, EMPTY_DECLARE_FORM } from './declare-form';
import { toLocalInput } from './format';

const NOW = Date.UTC(2025, 10, 22, 12, 0, 0);

describe('buildDeclareInput', () => {
  it('builds the channel input from a filled form', () => {
    const r = buildDeclareInput(
      {
        ...EMPTY_DECLARE_FORM,
        title: '  GPU OOM  ',
        services: ['workers'],
        otherServices: 'OCR, inference-gw, workers',
        tenants: 'acme, pool-a100',
      },
      NOW,
    );
    expect(r).toEqual({
      ok: true,
      input: {
        title: 'GPU OOM',
        summary: '',
        severity: 'SEV2',
        services: ['workers', 'OCR', 'inference-gw'],
        tenants: ['acme', 'pool-a100'],
        impactStartedAt: null,
        detectedAt: null,
      },
    });
  });

  it('reports an empty title next to the title field', () => {
    const r = buildDeclareInput({ ...EMPTY_DECLARE_FORM, title: '   ' }, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.title).toMatch(/title must not be empty/i);
  });

  it('rejects bad, future and out-of-order times', () => {
    const bad = buildDeclareInput({ ...EMPTY_DECLARE_FORM, title: 'x', impactStartedAt: '2025-13-01T00:00' }, NOW);
    expect(!bad.ok && bad.errors.impactStartedAt).toMatch(/YYYY-MM-DD HH:MM/);
    const future = buildDeclareInput({ ...EMPTY_DECLARE_FORM, title: 'x', detectedAt: toLocalInput(NOW + 3_600_000) }, NOW);
    expect(!future.ok && future.errors.detectedAt).toMatch(/future/);
    const order = buildDeclareInput(
      { ...EMPTY_DECLARE_FORM, title: 'x', impactStartedAt: toLocalInput(NOW - 60_000), detectedAt: toLocalInput(NOW - 120_000) },
      NOW,
    );
    expect(!order.ok && order.errors.detectedAt).toMatch(/before impact/);
  });
});
