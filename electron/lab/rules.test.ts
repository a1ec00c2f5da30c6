import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES, SCENARIOS } from './scenarios/catalog.js';
import { alertLabels, hasBinary, RULES_FILE, rulesForTests } from './test-support.js';

const text = readFileSync(RULES_FILE, 'utf8');
const promtool = hasBinary('promtool');
if (!promtool) console.warn('SKIP promtool check rules: promtool not installed (Debian package prometheus)');

describe('assets/prometheus/pitwall-rules.yml', () => {
  it.skipIf(!promtool)('passes promtool check rules, and so does the for: 0s test copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-rules-'));
    try {
      const copy = join(dir, 'rules.yml');
      writeFileSync(copy, rulesForTests(text));
      for (const file of [RULES_FILE, copy]) {
        const r = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        expect(r.stdout).toContain(`SUCCESS: ${alertLabels(text).size} rules found`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every alert has a severity and a known playbook, and every incident scenario has an alert', () => {
    const alerts = alertLabels(text);
    expect(alerts.size).toBeGreaterThanOrEqual(8);
    const playbooks = new Set(SCENARIO_NAMES.map((n) => SCENARIOS[n].playbook).filter((p) => p !== ''));
    for (const [name, labels] of alerts) {
      expect(['critical', 'warning'], name).toContain(labels.severity);
      expect(playbooks.has(labels.playbook ?? ''), `${name} playbook ${labels.playbook}`).toBe(true);
    }
    for (const p of playbooks)
      expect(
        [...alerts.values()].some((l) => l.playbook === p),
        p,
      ).toBe(true);
  });

  it('the test copy only changes for: durations', () => {
    const copy = rulesForTests(text);
    expect(copy).not.toMatch(/for: (?!0s)\S+/);
    expect(copy.replace(/for: \S+/g, '')).toBe(text.replace(/for: \S+/g, ''));
  });
});
