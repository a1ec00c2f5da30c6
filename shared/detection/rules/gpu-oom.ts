import { METRICS } from '../../domain/telemetry';
import { counterIncrease, dur, freshSeries, indexFrom, noData, pct, plural, range, timeAtOrAbove, uniq } from '../series';
import type { DetectionSettings } from '../settings';
import type { DetectionFrame, EvidenceItem, FrameSeries, RuleOutcome } from '../types';

type Settings = DetectionSettings['rules']['gpu-oom'];

const TITLE = 'GPU OOM / VRAM fragmentation';
/** A missed poll or two still counts as time near full; a longer gap does not. */
const MAX_GAP_MS = 30_000;

interface Restarted {
  who: string;
  count: number;
  oom: boolean;
  firstAt: number;
  node: string | null;
}

/** pod.last_oom series by namespace/pod/container, to tell an OOM kill from any other restart. */
function oomFlags(frame: DetectionFrame, fromMs: number): Set<string> {
  const out = new Set<string>();
  for (const s of frame.series[METRICS.podLastOom] ?? []) {
    if (range(s, fromMs).max >= 1) out.add(podKey(s));
  }
  return out;
}

function podKey(s: FrameSeries): string {
  return `${s.labels['namespace'] ?? ''}/${s.labels['pod'] ?? ''}/${s.labels['container'] ?? ''}`;
}

function restartsIn(frame: DetectionFrame, fromMs: number): Restarted[] {
  const ooms = oomFlags(frame, fromMs);
  const out: Restarted[] = [];
  for (const s of frame.series[METRICS.podRestarts] ?? []) {
    const { increase, firstAt } = counterIncrease(s, fromMs);
    if (increase <= 0 || firstAt === null) continue;
    const ns = s.labels['namespace'] ?? '';
    const pod = s.labels['pod'] ?? '';
    out.push({
      who: ns ? `${ns}/${pod}` : pod,
      count: increase,
      oom: ooms.has(podKey(s)),
      firstAt,
      node: frame.podNodes[`${ns}/${pod}`] ?? null,
    });
  }
  return out;
}

/** Kubernetes name suffixes: the pod's 5 random characters, the ReplicaSet's hash (same alphabet). */
const POD_SUFFIX = /^[bcdfghjklmnpqrstvwxz2-9]{5}$/;
const HASH_SUFFIX = /^[bcdfghjklmnpqrstvwxz2-9]{6,10}$/;

/** Workload name from a pod name: `ocr-worker-7c9f5d8b4-x2kqz` → `ocr-worker`. */
export function workloadOf(pod: string): string {
  const parts = pod.split('-');
  if (parts.length > 1 && POD_SUFFIX.test(parts[parts.length - 1] ?? '')) parts.pop();
  if (parts.length > 1 && HASH_SUFFIX.test(parts[parts.length - 1] ?? '')) parts.pop();
  return parts.join('-');
}

/**
 * Incident playbook, "GPU OOM / VRAM Fragmentation": jobs fail, workers restart repeatedly. Fires when
 * a GPU sat near full for a while inside the window AND containers restarted in it (OOMKilled named
 * as such). A full GPU without restarts is a busy GPU, not an incident; restarts without a full GPU
 * are some other crash.
 */
export function gpuOomRule(frame: DetectionFrame, settings: Settings, staleMs: number): RuleOutcome {
  const fromMs = frame.now - settings.windowSec * 1000;
  const gpus = freshSeries(frame.series[METRICS.gpuMemoryShare] ?? [], frame.now, staleMs);
  if (gpus.length === 0) {
    return {
      status: noData(frame, 'gpu-oom', TITLE, [METRICS.gpuMemoryShare], 'add an exporter-scrape or Prometheus source'),
      findings: [],
    };
  }
  const hot: { s: FrameSeries; hotMs: number; peak: number; firstHotAt: number }[] = [];
  for (const s of gpus) {
    const hotMs = timeAtOrAbove(s, fromMs, settings.memShare, MAX_GAP_MS);
    if (hotMs < settings.hotSec * 1000) continue;
    let firstHotAt = frame.now;
    for (let i = indexFrom(s, fromMs); i < s.t.length; i += 1) {
      if ((s.v[i] ?? -1) >= settings.memShare) {
        firstHotAt = s.t[i] as number;
        break;
      }
    }
    hot.push({ s, hotMs, peak: range(s, fromMs).max, firstHotAt });
  }
  const dataAt = Math.max(...gpus.map((s) => s.t[s.t.length - 1] ?? 0));
  const restarts = restartsIn(frame, fromMs);
  const total = restarts.reduce((n, r) => n + r.count, 0);
  const window = dur(settings.windowSec * 1000);
  if (hot.length === 0 || total < settings.minRestarts) {
    const peak = Math.max(...gpus.map((s) => range(s, fromMs).max).filter(Number.isFinite));
    const detail =
      hot.length > 0
        ? `${plural(hot.length, 'GPU')} near full, but ${plural(total, 'restart')} in the last ${window} (needs ${settings.minRestarts}).`
        : `Fullest GPU ${Number.isFinite(peak) ? pct(peak) : 'unknown'} in the last ${window}; ${plural(total, 'container restart')}.`;
    return { status: { rule: 'gpu-oom', title: TITLE, state: 'clear', detail, dataAt }, findings: [] };
  }

  const nodes = uniq(hot.map((h) => h.s.labels['node'] ?? ''));
  const gpuNames = uniq(hot.map((h) => `${h.s.labels['node'] ?? '?'}/GPU ${h.s.labels['gpu'] ?? '?'}`));
  const oomKills = restarts.filter((r) => r.oom).reduce((n, r) => n + r.count, 0);
  const evidence: EvidenceItem[] = nodes.map((node) => {
    const mine = hot.filter((h) => (h.s.labels['node'] ?? '') === node);
    const peak = Math.max(...mine.map((h) => h.peak));
    const longest = Math.max(...mine.map((h) => h.hotMs));
    const ids = uniq(mine.map((h) => h.s.labels['gpu'] ?? '?'));
    return {
      text: `${ids.length === 1 ? 'GPU' : 'GPUs'} ${ids.join(', ')} on ${node} at or above ${pct(settings.memShare)} of framebuffer for up to ${dur(longest)} in the last ${window} (peak ${pct(peak)})`,
      metric: METRICS.gpuMemoryShare,
      match: { node },
      fromMs,
      toMs: frame.now,
      values: [
        { label: 'peak GPU memory', value: peak, unit: 'share' },
        { label: 'time near full', value: Math.round(longest / 1000), unit: 'seconds' },
      ],
    };
  });
  const shown = [...restarts].sort((a, b) => b.count - a.count || a.who.localeCompare(b.who)).slice(0, 6);
  evidence.push({
    text:
      `${plural(total, 'container restart')} in the last ${window}${oomKills > 0 ? `, ${oomKills} after OOMKilled` : ''}: ` +
      shown.map((r) => `${r.who}${r.count > 1 ? ` ×${r.count}` : ''}${r.oom ? ' (OOMKilled)' : ''}`).join(', ') +
      (restarts.length > shown.length ? `, +${restarts.length - shown.length} more` : ''),
    metric: METRICS.podRestarts,
    match: {},
    fromMs,
    toMs: frame.now,
    values: [
      { label: 'restarts', value: total, unit: 'count' },
      { label: 'OOMKilled', value: oomKills, unit: 'count' },
    ],
  });
  const since = Math.min(...hot.map((h) => h.firstHotAt), ...restarts.map((r) => r.firstAt));
  const restartNodes = restarts.map((r) => r.node ?? '').filter((n) => n !== '');
  return {
    status: {
      rule: 'gpu-oom',
      title: TITLE,
      state: 'firing',
      detail: `${plural(hot.length, 'GPU')} near full on ${nodes.join(', ')} with ${plural(total, 'restart')}.`,
      dataAt,
    },
    findings: [
      {
        source: 'gpu-oom',
        playbookId: 'gpu-oom',
        key: 'gpu-oom',
        title: `GPU OOM on ${nodes.join(', ')}: ${oomKills > 0 ? `${plural(oomKills, 'OOM kill')}` : plural(total, 'restart')}, GPU memory near full`,
        severity: settings.severity,
        since,
        affected: {
          gpus: gpuNames,
          nodes: uniq([...nodes, ...restartNodes]),
          queues: [],
          services: uniq(restarts.map((r) => workloadOf(r.who.split('/').pop() ?? ''))),
          mounts: [],
        },
        evidence,
      },
    ],
  };
}
