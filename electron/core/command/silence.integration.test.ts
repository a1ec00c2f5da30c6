/**
 * Silences from an incident against a real Alertmanager (Debian's prometheus-alertmanager 0.25):
 * proposed from the incident's alerts as Pitwall polled them, created there with the IC's matchers,
 * duration and comment, and expired by resolving the incident when the IC chose so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandState, MitigationRecord, SilenceProposal } from '../../../shared/command/types';
import type { Incident, IncidentDetail } from '../../../shared/domain/incident';
import type { SourceHealth, SourceView } from '../../../shared/domain/source-config';
import { freePort, hasBinary, http, postJson, waitFor } from '../../lab/test-support';
import { coreCalls } from '../../test-support/core-calls';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';

const haveAm = hasBinary('prometheus-alertmanager');
if (!haveAm) console.warn('SKIP silences vs real Alertmanager: prometheus-alertmanager is not installed (Debian package)');

interface AmSilence {
  id: string;
  status: { state: string };
  matchers: { name: string; value: string; isRegex: boolean; isEqual?: boolean }[];
  createdBy: string;
  comment: string;
  endsAt: string;
}

describe.skipIf(!haveAm)('silences through a real Alertmanager', () => {
  let am = '';
  let proc: ChildProcess | null = null;
  let amDir = '';
  let core: PitwallCore;
  let cleanup: () => void;
  let source: SourceView;

  const { call, failure } = coreCalls(() => core);
  const silences = async (): Promise<AmSilence[]> => JSON.parse((await http(`${am}/api/v2/silences`)).text) as AmSilence[];
  const fire = (labels: Record<string, string>): Promise<unknown> =>
    postJson(`${am}/api/v2/alerts`, [{ labels, annotations: { summary: 'test' }, startsAt: new Date(Date.now() - 60_000).toISOString() }]);

  beforeAll(async () => {
    amDir = mkdtempSync(join(tmpdir(), 'pitwall-am-'));
    const port = await freePort();
    am = `http://127.0.0.1:${port}`;
    writeFileSync(join(amDir, 'am.yml'), JSON.stringify({ route: { receiver: 'null', group_wait: '1s' }, receivers: [{ name: 'null' }] }));
    proc = spawn(
      'prometheus-alertmanager',
      [
        `--config.file=${join(amDir, 'am.yml')}`,
        `--storage.path=${join(amDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      { stdio: 'ignore' },
    );
    await waitFor('alertmanager ready', async () => ((await http(`${am}/-/ready`)).status === 200 ? true : undefined));
    await fire({ alertname: 'GPUMemHigh', cluster: 'lab', node: 'gpu-node-01', playbook: 'gpu-oom' });
    await fire({ alertname: 'OOMKilled', cluster: 'lab', node: 'gpu-node-02', playbook: 'gpu-oom' });
    await fire({ alertname: 'DiskFull', cluster: 'prod', node: 'nfs-01' });

    let dir: string;
    ({ dir, cleanup } = tempDir());
    core = createCore({ dataDir: dir, mode: 'browser', version: 'test', operator: 'dana' });
    source = await call<SourceView>('source:save', { name: 'Lab Alertmanager', kind: 'alertmanager', baseUrl: am });
    await waitFor('alerts polled from Alertmanager', async () => {
      const h = await call<SourceHealth>('source:poll-now', { id: source.id });
      const alerts = await call<unknown[]>('telemetry:list-alerts', { fromMs: Date.now() - 3_600_000, toMs: Date.now() });
      return h.state === 'ok' && alerts.length === 3 ? true : undefined;
    });
  }, 60_000);

  afterAll(async () => {
    await core?.close();
    cleanup?.();
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc?.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    if (amDir) rmSync(amDir, { recursive: true, force: true });
  });

  it('creates the silence the IC confirmed, and resolving the incident expires it', async () => {
    const inc = await call<Incident>('incident:declare', { title: 'GPU OOM', severity: 'SEV2', impactStartedAt: Date.now() - 120_000 });
    const proposal = await call<SilenceProposal>('mitigation:propose-silence', { id: inc.id });
    expect(proposal.alerts.map((a) => a.name).sort()).toEqual(['DiskFull', 'GPUMemHigh', 'OOMKilled']);
    // The IC narrows the proposal to this incident's alerts, as the dialog lets them.
    const matchers = [
      { name: 'alertname', op: '=~', value: 'GPUMemHigh|OOMKilled' },
      { name: 'playbook', op: '=', value: 'gpu-oom' },
    ];
    const rec = await call<MitigationRecord>('mitigation:create-silence', {
      id: inc.id,
      sourceId: source.id,
      matchers,
      durationMin: 90,
      comment: `${inc.ref}: OOM alerts while workers restart`,
      expireOnResolve: true,
    });
    expect(rec).toMatchObject({ outcome: 'ok', kind: 'silence', expireOnResolve: true });
    expect(rec.silenceId).toMatch(/^[0-9a-f-]{36}$/);

    const created = (await silences()).find((s) => s.id === rec.silenceId);
    expect(created).toMatchObject({
      status: { state: 'active' },
      createdBy: 'dana',
      comment: `${inc.ref}: OOM alerts while workers restart`,
    });
    expect(created?.matchers).toEqual([
      { name: 'alertname', value: 'GPUMemHigh|OOMKilled', isRegex: true, isEqual: true },
      { name: 'playbook', value: 'gpu-oom', isRegex: false, isEqual: true },
    ]);
    expect(Math.abs(Date.parse(created?.endsAt ?? '') - (rec.endsAt ?? 0))).toBeLessThan(1000);
    // Only this incident's alerts are muted.
    await waitFor('alerts silenced', async () => {
      const alerts = JSON.parse((await http(`${am}/api/v2/alerts`)).text) as {
        labels: Record<string, string>;
        status: { silencedBy: string[] };
      }[];
      const muted = alerts.filter((a) => a.status.silencedBy.includes(rec.silenceId ?? '')).map((a) => a.labels.alertname);
      return muted.sort().join() === 'GPUMemHigh,OOMKilled' ? true : undefined;
    });
    expect((await call<CommandState>('command:get-state', { id: inc.id })).open.silences.map((s) => s.id)).toEqual([rec.id]);

    await call('incident:set-status', { id: inc.id, status: 'resolved' });
    await waitFor('silence expired on resolve', async () =>
      (await silences()).find((s) => s.id === rec.silenceId)?.status.state === 'expired' ? true : undefined,
    );
    const detail = await waitFor('expiry recorded', async () => {
      const d = await call<IncidentDetail>('incident:get', { id: inc.id });
      return d.timeline.some((e) => e.kind === 'mitigation' && e.data.action === 'silence-expire') ? d : undefined;
    });
    const expiry = detail.timeline.find((e) => e.data.action === 'silence-expire');
    expect(expiry?.summary).toContain(`Silence ${rec.silenceId ?? ''} expired because ${inc.ref} was resolved`);
    expect((await call<CommandState>('command:get-state', { id: inc.id })).open.silences).toEqual([]);
  });

  it('keeps a silence the IC did not tie to the incident, and expires it on request', async () => {
    const inc = await call<Incident>('incident:declare', { title: 'Disk full', severity: 'SEV3' });
    const rec = await call<MitigationRecord>('mitigation:create-silence', {
      id: inc.id,
      sourceId: source.id,
      matchers: [{ name: 'alertname', op: '=', value: 'DiskFull' }],
      durationMin: 30,
      comment: 'disk',
      expireOnResolve: false,
    });
    await call('incident:set-status', { id: inc.id, status: 'resolved' });
    await core.command.mitigations.expireOnResolve();
    expect((await silences()).find((s) => s.id === rec.silenceId)?.status.state).toBe('active');
    const expired = await call<MitigationRecord>('mitigation:expire-silence', { id: inc.id, mitigationId: rec.id });
    expect(expired).toMatchObject({ outcome: 'ok', relatesTo: rec.id });
    expect((await silences()).find((s) => s.id === rec.silenceId)?.status.state).toBe('expired');
    expect((await failure('mitigation:expire-silence', { id: inc.id, mitigationId: rec.id })).code).toBe('invalid-transition');
  });

  it('refuses an empty matcher set, a match-all set and an out-of-range duration, sending nothing', async () => {
    const inc = await call<Incident>('incident:declare', { title: 'Refusals', severity: 'SEV3' });
    const before = (await silences()).length;
    const base = { id: inc.id, sourceId: source.id, durationMin: 60, comment: 'x', expireOnResolve: true };
    const empty = await failure('mitigation:create-silence', { ...base, matchers: [] });
    expect(empty).toMatchObject({ code: 'bad-input' });
    expect(empty.message).toContain('would silence every alert');
    expect((await failure('mitigation:create-silence', { ...base, matchers: [{ name: 'alertname', op: '=~', value: '.*' }] })).code).toBe(
      'bad-input',
    );
    const long = await failure('mitigation:create-silence', {
      ...base,
      durationMin: 2 * 24 * 60,
      matchers: [{ name: 'alertname', op: '=', value: 'X' }],
    });
    expect(long.message).toContain('at most 24 hours');
    expect((await silences()).length).toBe(before);
    expect((await call<IncidentDetail>('incident:get', { id: inc.id })).timeline.filter((e) => e.kind === 'mitigation')).toEqual([]);
  });

  it("records Alertmanager's refusal as a failed mitigation, in its words", async () => {
    const inc = await call<Incident>('incident:declare', { title: 'Upstream refusal', severity: 'SEV3' });
    // A lookahead is a valid JavaScript regex but not a Go (RE2) one: only Alertmanager can refuse it.
    const rec = await call<MitigationRecord>('mitigation:create-silence', {
      id: inc.id,
      sourceId: source.id,
      matchers: [{ name: 'alertname', op: '=~', value: 'GPU(?=Mem).*' }],
      durationMin: 30,
      comment: 'x',
      expireOnResolve: false,
    });
    expect(rec.outcome).toBe('failed');
    expect(rec.message).toMatch(/^Alertmanager did not create the silence: Alertmanager at .* answered HTTP 4\d\d: .+/);
    const event = (await call<IncidentDetail>('incident:get', { id: inc.id })).timeline.at(-1);
    expect(event?.summary).toContain('Silence alerts alertname=~"GPU(?=Mem).*" on Lab Alertmanager: FAILED');
  });
});
