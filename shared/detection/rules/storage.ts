import { METRICS } from '../../domain/telemetry';
import { dur, freshSeries, indexFrom, last, newestAt, noData, pct, slope, uniq } from '../series';
import type { DetectionSettings } from '../settings';
import type { DetectionFrame, EvidenceItem, FrameSeries, RuleOutcome } from '../types';

type Settings = DetectionSettings['rules']['storage-saturation'];

const TITLE = 'Storage saturation (NFS / MinIO)';

type Why = 'full' | 'filling' | 'not answering' | 'vanished';

interface MountFinding {
  mountpoint: string;
  node: string;
  why: Why;
  share: number | null;
  /** Minutes until full at the current trend ('filling'). */
  fullInMin: number | null;
  since: number;
  fstype: string;
}

/** True when every sample from `fromMs` is at or above `threshold` and there is one at `fromMs` or before it. */
function heldSince(s: FrameSeries, fromMs: number, threshold: number): number | null {
  const start = indexFrom(s, fromMs);
  if (start === 0 && (s.t[0] ?? Infinity) > fromMs) return null;
  let firstAbove: number | null = null;
  for (let i = s.t.length - 1; i >= 0; i -= 1) {
    const v = s.v[i];
    if (v === null || v === undefined) continue;
    if (v < threshold) break;
    firstAbove = s.t[i] as number;
  }
  return firstAbove !== null && firstAbove <= fromMs ? firstAbove : null;
}

/**
 * Incident playbook, "Storage Saturation (NFS/MinIO)": uploads fail, jobs fail on read/write. Fires on a
 * filesystem nearly full for a while, one filling fast enough to be full soon, one whose statfs fails
 * (hung NFS: node_exporter's device_error), or one whose series vanished while its source still reports
 * the others — a hung mount has no size series at all, which must not read as "fine".
 */
export function storageRule(frame: DetectionFrame, settings: Settings, staleMs: number): RuleOutcome {
  const all = frame.series[METRICS.fsUsedShare] ?? [];
  const used = freshSeries(all, frame.now, staleMs);
  const errors = freshSeries(frame.series[METRICS.fsDeviceError] ?? [], frame.now, staleMs);
  if (used.length === 0 && errors.length === 0) {
    return {
      status: noData(
        frame,
        'storage-saturation',
        TITLE,
        [METRICS.fsUsedShare],
        'add Prometheus with node_exporter, or an exporter-scrape source',
      ),
      findings: [],
    };
  }
  const found: MountFinding[] = [];
  const trendFrom = frame.now - settings.trendWindowSec * 1000;
  for (const s of used) {
    const now = last(s);
    if (!now) continue;
    const base = {
      mountpoint: s.labels['mountpoint'] ?? '?',
      node: s.labels['node'] ?? '',
      fstype: s.labels['fstype'] ?? '',
      share: now.v,
    };
    const held = heldSince(s, frame.now - settings.forSec * 1000, settings.usedShare);
    if (held !== null) {
      found.push({ ...base, why: 'full', fullInMin: null, since: held });
      continue;
    }
    // Above the threshold only "held for forSec" counts, so a brief spike is not projected into a fire.
    const perMs = now.v < settings.usedShare ? slope(s, trendFrom) : null;
    if (now.v >= settings.projectFromShare && perMs !== null && perMs > 0) {
      const fullInMin = (1 - now.v) / perMs / 60_000;
      if (fullInMin <= settings.projectFullMin) found.push({ ...base, why: 'filling', fullInMin, since: trendFrom });
    }
  }
  for (const s of errors) {
    const now = last(s);
    if (!now || now.v < 1) continue;
    let since = now.t;
    for (let i = s.t.length - 1; i >= 0 && (s.v[i] ?? 0) >= 1; i -= 1) since = s.t[i] as number;
    found.push({
      mountpoint: s.labels['mountpoint'] ?? '?',
      node: s.labels['node'] ?? '',
      fstype: '',
      share: null,
      why: 'not answering',
      fullInMin: null,
      since,
    });
  }
  // Vanished: stopped while the same source still writes fresh filesystem samples (so it is not the source that is down).
  const liveSources = new Set(used.map((s) => s.sourceId));
  const flagged = new Set(found.map((f) => `${f.node}|${f.mountpoint}`));
  for (const s of all) {
    const newest = s.t[s.t.length - 1];
    if (newest === undefined || newest >= frame.now - settings.vanishedAfterSec * 1000 || !liveSources.has(s.sourceId)) continue;
    const key = `${s.labels['node'] ?? ''}|${s.labels['mountpoint'] ?? '?'}`;
    if (flagged.has(key)) continue;
    flagged.add(key);
    found.push({
      mountpoint: s.labels['mountpoint'] ?? '?',
      node: s.labels['node'] ?? '',
      fstype: s.labels['fstype'] ?? '',
      share: last(s)?.v ?? null,
      why: 'vanished',
      fullInMin: null,
      since: newest,
    });
  }
  const dataAt = newestAt([...used, ...errors]);
  if (found.length === 0) {
    const fullest = used.map((s) => ({ s, v: last(s)?.v ?? 0 })).sort((a, b) => b.v - a.v)[0];
    const detail = fullest ? `Fullest ${fullest.s.labels['mountpoint'] ?? '?'} at ${pct(fullest.v)}.` : 'No filesystem readings.';
    return { status: { rule: 'storage-saturation', title: TITLE, state: 'clear', detail, dataAt }, findings: [] };
  }
  // One line per mountpoint and reason: an NFS export is mounted on every node.
  const groups = new Map<string, MountFinding[]>();
  for (const f of found) {
    const key = `${f.mountpoint}|${f.why}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const fromMs = Math.min(trendFrom, ...found.map((f) => f.since));
  const evidence: EvidenceItem[] = [...groups.values()].map((fs) => {
    const f = fs[0] as MountFinding;
    const nodes = uniq(fs.map((x) => x.node));
    const where = `${f.mountpoint}${f.fstype ? ` (${f.fstype})` : ''} on ${nodes.join(', ') || 'its node'}`;
    const share = Math.max(...fs.map((x) => x.share ?? 0));
    const text =
      f.why === 'full'
        ? `${where} is ${pct(share)} full, at or above ${pct(settings.usedShare)} for ${dur(frame.now - Math.min(...fs.map((x) => x.since)))}`
        : f.why === 'filling'
          ? `${where} is ${pct(share)} full and filling: full in about ${dur(Math.min(...fs.map((x) => x.fullInMin ?? 0)) * 60_000)} at the trend of the last ${dur(settings.trendWindowSec * 1000)}`
          : f.why === 'not answering'
            ? `${where} is not answering (statfs fails: node_exporter device_error); its size series are missing while it hangs`
            : `${where} stopped reporting ${dur(frame.now - Math.max(...fs.map((x) => x.since)))} ago while other filesystems still report (last seen ${pct(share)} full)`;
    return {
      text,
      metric: f.why === 'not answering' ? METRICS.fsDeviceError : METRICS.fsUsedShare,
      match: { mountpoint: f.mountpoint },
      fromMs,
      toMs: frame.now,
      values: [
        { label: 'used', value: f.why === 'not answering' ? null : share, unit: 'share' as const },
        ...(f.why === 'filling' ? [{ label: 'time to full', value: Math.round((f.fullInMin ?? 0) * 60), unit: 'seconds' as const }] : []),
      ],
    };
  });
  const mounts = uniq(found.map((f) => f.mountpoint));
  const hung = found.some((f) => f.why === 'not answering' || f.why === 'vanished');
  return {
    status: {
      rule: 'storage-saturation',
      title: TITLE,
      state: 'firing',
      detail: `${mounts.join(', ')}: ${uniq(found.map((f) => f.why)).join(', ')}.`,
      dataAt,
    },
    findings: [
      {
        source: 'storage-saturation',
        playbookId: 'storage-saturation',
        key: 'storage-saturation',
        title: `Storage saturation: ${mounts.join(', ')} ${hung ? 'not answering or filling' : found.some((f) => f.why === 'full') ? 'nearly full' : 'filling fast'}`,
        severity: settings.severity,
        since: Math.min(...found.map((f) => f.since)),
        affected: { gpus: [], nodes: uniq(found.map((f) => f.node)), queues: [], services: [], mounts },
        evidence,
      },
    ],
  };
}
