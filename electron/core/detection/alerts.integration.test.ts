/**
 * Firing alerts become suggestions, through a real Prometheus (Debian's 2.42) evaluating the shipped
 * rules (a `for: 0s` copy) against the lab in the jupyter-vram scenario — the one incident type no
 * rule of Pitwall's own covers. Its alert carries `playbook: jupyter-vram`; a user mapping of the alert
 * name then moves it to another playbook.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushedEvents } from '../../../shared/contract/events';
import { DEFAULT_DETECTION_SETTINGS } from '../../../shared/detection/settings';
import type { DetectionView } from '../../../shared/detection/types';
import { startLab, type Lab } from '../../lab/lab';
import { prometheusConfigText } from '../../lab/prometheus-config';
import { freePort, hasBinary, http, RULES_FILE, rulesForTests, waitFor } from '../../lab/test-support';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';

const haveProm = hasBinary('prometheus');
if (!haveProm) console.warn('SKIP detection from firing alerts: the prometheus binary is not installed (Debian package "prometheus")');

describe.skipIf(!haveProm)('suggestions from firing Prometheus alerts', () => {
  let lab: Lab;
  let proc: ChildProcess | null = null;
  let core: PitwallCore;
  const dir = tempDir('pitwall-detect-alerts-');
  const suggested: PushedEvents['detection:suggested'][] = [];

  beforeAll(async () => {
    lab = await startLab({ seed: 21, scenario: 'jupyter-vram', speed: 0 });
    lab.engine.advance(600);
    const port = await freePort();
    writeFileSync(join(dir.dir, 'rules.yml'), rulesForTests(readFileSync(RULES_FILE, 'utf8')));
    writeFileSync(
      join(dir.dir, 'prometheus.yml'),
      prometheusConfigText({
        targets: [{ address: `127.0.0.1:${lab.port}`, cluster: 'lab' }],
        scrapeInterval: '1s',
        evaluationInterval: '1s',
        ruleFiles: [join(dir.dir, 'rules.yml')],
      }),
    );
    proc = spawn(
      'prometheus',
      [
        `--config.file=${join(dir.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir.dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const url = `http://127.0.0.1:${port}`;
    await waitFor('prometheus ready', async () => ((await http(`${url}/-/ready`)).status === 200 ? true : undefined));
    lab.engine.setSpeed(5);
    core = createCore({ dataDir: join(dir.dir, 'data'), mode: 'browser', version: 'test', operator: 'alice' });
    core.subscribe((m) => {
      if (m.event === 'detection:suggested') suggested.push(m.payload as PushedEvents['detection:suggested']);
    });
    const saved = await core.dispatch('source:save', { name: 'Prometheus', kind: 'prometheus', baseUrl: url, intervalMs: 1_000 });
    if (!saved.ok) throw new Error(saved.error.message);
  }, 60_000);

  afterAll(async () => {
    await core?.close();
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc?.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    await lab?.close();
    dir.cleanup();
  });

  it('suggests the playbook an alert names, with the alert as evidence, then the one a mapping names', async () => {
    const first = await waitFor(
      'a jupyter-vram suggestion',
      () => Promise.resolve(suggested.find((s) => s.key === 'jupyter-vram')),
      60_000,
      200,
    );
    expect(first.playbookId).toBe('jupyter-vram');
    const view = await core.dispatch('detection:get', {});
    if (!view.ok) throw new Error(view.error.message);
    const s = (view.value as DetectionView).suggestions.find((x) => x.id === first.id);
    expect(s?.sources).toEqual(['alert']);
    expect(s?.evidence.some((e) => e.text.startsWith('JupyterVRAMContention (warning) firing'))).toBe(true);
    expect(s?.severity).toBe('SEV3');
    expect((view.value as DetectionView).rules.find((r) => r.rule === 'alerts')?.state).toBe('firing');

    const mapped = await core.dispatch('detection:set-settings', {
      ...DEFAULT_DETECTION_SETTINGS,
      alertMappings: [{ alert: 'JupyterVRAMContention', playbookId: 'high-memory-usage' }],
    });
    expect(mapped.ok).toBe(true);
    const moved = await waitFor(
      'the mapped suggestion',
      () => Promise.resolve(suggested.find((x) => x.key === 'high-memory-usage')),
      30_000,
      200,
    );
    expect(moved.title).toContain('JupyterVRAMContention');
  }, 120_000);
});
