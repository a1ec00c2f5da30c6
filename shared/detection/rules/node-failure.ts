import { METRICS } from '../../domain/telemetry';
import { dur, freshSeries, last, newestAt, noData, plural, uniq } from '../series';
import type { DetectionSettings } from '../settings';
import type { DetectionFrame, EvidenceItem, FrameSeries, RuleOutcome } from '../types';

type Settings = DetectionSettings['rules']['gpu-node-failure'];

const TITLE = 'GPU node NotReady / hardware failure';

interface NodeProblem {
  node: string;
  what: string;
  gpus: string[];
  since: number;
  metric: string;
  values: EvidenceItem['values'];
}

function runStart(s: FrameSeries, test: (v: number) => boolean): number {
  let since = s.t[s.t.length - 1] ?? 0;
  for (let i = s.t.length - 1; i >= 0; i -= 1) {
    const v = s.v[i];
    if (v === null || v === undefined || !test(v)) break;
    since = s.t[i] as number;
  }
  return since;
}

/**
 * Incident management seed, "nodes NotReady or hardware failures", and the runbooks' "GPU not
 * available". Fires on a node whose Ready condition is false, a GPU reporting a device XID (79: fallen
 * off the bus; 48/63/64/94/95: memory errors — application XIDs such as 13 and 31 are ignored by
 * default), or a node whose GPUs all stopped reporting while its source still reports the others.
 */
export function nodeFailureRule(frame: DetectionFrame, settings: Settings, staleMs: number): RuleOutcome {
  const memory = frame.series[METRICS.gpuMemoryShare] ?? [];
  const freshMemory = freshSeries(memory, frame.now, staleMs);
  const xids = freshSeries(frame.series[METRICS.gpuXid] ?? [], frame.now, staleMs);
  const ready = freshSeries(frame.series[METRICS.nodeReady] ?? [], frame.now, staleMs);
  if (freshMemory.length === 0 && xids.length === 0 && ready.length === 0) {
    return {
      status: noData(
        frame,
        'gpu-node-failure',
        TITLE,
        [METRICS.gpuMemoryShare, METRICS.gpuXid, METRICS.nodeReady],
        'add an exporter-scrape or Prometheus source',
      ),
      findings: [],
    };
  }
  const problems: NodeProblem[] = [];
  const ignored = new Set(settings.ignoredXids);
  for (const s of ready) {
    const now = last(s);
    if (!now || now.v >= 1) continue;
    const node = s.labels['node'] ?? '?';
    problems.push({
      node,
      what: `${node} is NotReady`,
      gpus: [],
      since: runStart(s, (v) => v < 1),
      metric: METRICS.nodeReady,
      values: [{ label: 'ready', value: now.v, unit: 'count' }],
    });
  }
  const xidByNode = new Map<string, { gpu: string; code: number; since: number }[]>();
  for (const s of xids) {
    const now = last(s);
    if (!now || now.v <= 0 || ignored.has(now.v)) continue;
    const node = s.labels['node'] ?? '?';
    xidByNode.set(node, [
      ...(xidByNode.get(node) ?? []),
      { gpu: s.labels['gpu'] ?? '?', code: now.v, since: runStart(s, (v) => v === now.v) },
    ]);
  }
  for (const [node, list] of xidByNode) {
    problems.push({
      node,
      what: `${node} reports XID ${uniq(list.map((x) => String(x.code))).join(', ')} on GPU ${uniq(list.map((x) => x.gpu)).join(', ')}`,
      gpus: list.map((x) => `${node}/GPU ${x.gpu}`),
      since: Math.min(...list.map((x) => x.since)),
      metric: METRICS.gpuXid,
      values: list.map((x) => ({ label: `XID on GPU ${x.gpu}`, value: x.code, unit: 'code' as const })),
    });
  }
  // Stopped reporting: every GPU series of the node is older than silentSec, while its source writes others.
  const liveSources = new Set(freshMemory.map((s) => s.sourceId));
  const byNode = new Map<string, FrameSeries[]>();
  for (const s of memory) {
    if (!liveSources.has(s.sourceId)) continue;
    const node = s.labels['node'] ?? '?';
    byNode.set(node, [...(byNode.get(node) ?? []), s]);
  }
  for (const [node, list] of byNode) {
    const newest = newestAt(list) ?? 0;
    if (newest >= frame.now - settings.silentSec * 1000) continue;
    problems.push({
      node,
      what: `${node} stopped reporting its ${plural(list.length, 'GPU')} ${dur(frame.now - newest)} ago while the other nodes still report`,
      gpus: uniq(list.map((s) => `${node}/GPU ${s.labels['gpu'] ?? '?'}`)),
      since: newest,
      metric: METRICS.gpuMemoryShare,
      values: [{ label: 'silent for', value: Math.round((frame.now - newest) / 1000), unit: 'seconds' }],
    });
  }
  const dataAt = newestAt([...freshMemory, ...xids, ...ready]);
  if (problems.length === 0) {
    const nodes = uniq(freshMemory.map((s) => s.labels['node'] ?? '')).length;
    return {
      status: {
        rule: 'gpu-node-failure',
        title: TITLE,
        state: 'clear',
        detail: `${plural(nodes, 'node')} reporting, no device XIDs.`,
        dataAt,
      },
      findings: [],
    };
  }
  const nodes = uniq(problems.map((p) => p.node));
  const fromMs = Math.min(...problems.map((p) => p.since)) - 5 * 60_000;
  return {
    status: { rule: 'gpu-node-failure', title: TITLE, state: 'firing', detail: problems.map((p) => p.what).join('; '), dataAt },
    findings: [
      {
        source: 'gpu-node-failure',
        playbookId: 'gpu-node-failure',
        key: 'gpu-node-failure',
        title: `GPU node failure: ${nodes.join(', ')}`,
        severity: settings.severity,
        since: Math.min(...problems.map((p) => p.since)),
        affected: { gpus: uniq(problems.flatMap((p) => p.gpus)), nodes, queues: [], services: [], mounts: [] },
        evidence: problems.map((p) => ({
          text: p.what,
          metric: p.metric,
          match: { node: p.node },
          fromMs,
          toMs: frame.now,
          values: p.values,
        })),
      },
    ],
  };
}
