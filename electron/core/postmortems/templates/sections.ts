import { formatDuration, type ResponseMetric } from '../../../../shared/domain/response-metrics';
import type { PostmortemFacts } from '../facts';
import { clockFor, code, hoursMinutes, inline, isoSecond, table, utcMinute } from '../markdown';

/** Blocks both templates share. Headings and bracketed guidance of the seeds stay in the templates themselves. */

/** The lecture's "Blameless Postmortems" key principles, quoted, as the first thing an author reads. */
export function blamelessNote(): string {
  return [
    '> **Blameless postmortem.** The key principles, from the lecture (ml-incident-lecture.md, "Blameless Postmortems"):',
    '> 1. **Focus on systems, not individuals**',
    '> 2. **Assume good intentions**',
    '> 3. **Learn from mistakes**',
    '> 4. **Create actionable improvements**',
    '> 5. **Share knowledge widely**',
    '>',
    '> Pitwall drafted the facts below from what was recorded during the incident; check them. The',
    '> [bracketed] guidance of the template marks what is yours to write. Delete this note when done.',
  ].join('\n');
}

export function windowSentence(f: PostmortemFacts): string {
  const w = f.window;
  return `${hoursMinutes(w.toMs - w.fromMs)} (${w.from} ${utcMinute(w.fromMs)} → ${w.to} ${w.to.startsWith('now') ? `at drafting, ${utcMinute(w.toMs)}` : utcMinute(w.toMs)})`;
}

export function listOrNone(items: readonly string[], none: string): string {
  return items.length ? items.map(inline).join(', ') : none;
}

/** Time to detect / acknowledge / mitigate / resolve, each with its formula, for this incident. */
export function responseTimes(f: PostmortemFacts, only?: readonly ResponseMetric['id'][]): string {
  return f.metrics
    .filter((m) => !only || only.includes(m.id))
    .map((m) => `- **${m.label}**: ${m.ms === null ? 'not recorded' : formatDuration(m.ms)} — ${m.formula}`)
    .join('\n');
}

export function gpuImpactBlock(f: PostmortemFacts): string {
  const g = f.gpus;
  if (g.seen === 0) {
    return '- **GPUs affected**: no GPU samples were stored for the impact window, so Pitwall cannot tell; [fill in]';
  }
  const lines = [
    `- **GPUs affected**: ${g.affected.length} of ${g.seen} reporting (${g.rule})`,
    `- **GPU-hours lost (estimate)**: ${g.gpuHours.toFixed(1)} GPU-h. ${g.formula}` +
      (g.affected.length ? ` = ${g.affected.map((a) => a.hours.toFixed(2)).join(' + ')}` : ' = 0'),
  ];
  if (g.affected.length === 0) return lines.join('\n');
  const rows = g.affected.map((a) => [
    inline(a.node),
    inline(a.gpu),
    a.peak === null ? '—' : `${Math.round(a.peak * 1000) / 10}%`,
    `${a.why}, ${clockFor(a.affectedFromMs, f.multiDay)}`,
    a.hours.toFixed(2),
  ]);
  return `${lines.join('\n')}\n\n${table(['Node', 'GPU', 'Peak memory', 'Affected from (UTC)', 'GPU-hours'], rows)}`;
}

/** One row per timeline event; frozen evidence values and pinned log lines are written out, not referred to. */
export function timelineRows(f: PostmortemFacts): string[][] {
  return f.timeline.map((e) => {
    const values = e.kind === 'pin-log' ? e.values.map((v) => code(v, { cell: true })) : e.values.map(inline);
    return [clockFor(e.at, f.multiDay), [inline(e.text), ...values].join(' — ')];
  });
}

export function mitigationsBlock(f: PostmortemFacts): string {
  if (f.mitigations.length === 0) return 'No mitigation was recorded in Pitwall. [What was done to stop the impact?]';
  return table(
    ['Time (UTC)', 'Mitigation', 'Outcome', 'By'],
    f.mitigations.map((m) => [clockFor(m.at, f.multiDay), inline(m.text), m.outcome === null ? '—' : inline(m.outcome), inline(m.actor)]),
  );
}

export function commsBlock(f: PostmortemFacts): string {
  if (f.comms.length === 0) return 'No communication was recorded in Pitwall.';
  return table(
    ['Time (UTC)', 'Sent', 'By'],
    f.comms.map((c) => [
      clockFor(c.at, f.multiDay),
      inline(c.message === null ? c.text : `${c.text}: ${c.message.length > 300 ? `${c.message.slice(0, 300)}…` : c.message}`),
      inline(c.actor),
    ]),
  );
}

export function checklistBlock(f: PostmortemFacts): string {
  const { attached, items } = f.checklist;
  if (attached.length === 0 && items.length === 0) return 'No checklist was attached in Pitwall.';
  const lines: string[] = [];
  if (attached.length) {
    lines.push(`Attached: ${attached.map((a) => `${inline(a.playbook)} (${clockFor(a.at, f.multiDay)})`).join(', ')}.`, '');
  }
  for (const it of items) {
    const note = it.note ? ` — ${inline(it.note)}` : '';
    const readings = it.readings.length ? ` Evidence then: ${it.readings.map(inline).join('; ')}.` : '';
    lines.push(
      `- [${it.status === 'done' || it.status.startsWith('answered') ? 'x' : ' '}] ${inline(it.playbook)}: ${inline(it.item)} — ${it.status} at ${clockFor(it.at, f.multiDay)} by ${inline(it.actor)}${note}.${readings}`,
    );
  }
  if (items.length === 0) lines.push('No item was ticked, skipped or answered.');
  else lines.push('', 'Items not listed were not acted on in Pitwall.');
  return lines.join('\n');
}

/**
 * Embeds the preview draws from the locally stored samples (README, "Postmortem embeds"): the
 * incident window, and each pinned chart and log line from the copy frozen in its event.
 */
export function embedsBlock(f: PostmortemFacts): string {
  // Some of the run-up shows how it started: a quarter of the window, from one to ten minutes.
  const lead = Math.min(10 * 60_000, Math.max(60_000, (f.window.toMs - f.window.fromMs) / 4));
  const blocks = [
    '```pitwall-chart',
    'title: GPU memory against queue depth, impact window',
    `from: ${isoSecond(f.window.fromMs - lead)}`,
    `to: ${isoSecond(f.window.toMs)}`,
    'series:',
    '  - metric: node.gpu.memory.share',
    '  - metric: queue.depth',
    '    match: { state: pending }',
    '    sum: true',
    '```',
  ];
  for (const p of f.pinnedCharts) blocks.push('', '```pitwall-evidence', `event: ${p.eventId}`, '```');
  for (const p of f.pinnedLogs) blocks.push('', '```pitwall-evidence', `event: ${p.eventId}`, '```');
  return blocks.join('\n');
}

export function pinnedLogsList(f: PostmortemFacts): string {
  if (f.pinnedLogs.length === 0) return '';
  return f.pinnedLogs
    .map(
      (p) =>
        `- ${clockFor(p.at, f.multiDay)} ${p.source ? `${inline(p.source)}: ` : ''}${code(p.line)}${p.comment ? ` — ${inline(p.comment)}` : ''}`,
    )
    .join('\n');
}

/** What Pitwall recorded of the response, set under the heading each template gives it. */
export function responseRecord(f: PostmortemFacts): string {
  return `### Mitigations and outcomes

${mitigationsBlock(f)}

### Communications sent

${commsBlock(f)}

### Checklist state

${checklistBlock(f)}`;
}

/** The close of the appendix: pinned log lines written out, the embeds, and where the draft came from. */
export function appendixEvidence(f: PostmortemFacts): string {
  return `${f.pinnedLogs.length ? `\n### Pinned log lines\n\n${pinnedLogsList(f)}\n` : ''}
### Charts and pinned evidence

${embedsBlock(f)}

Drafted by Pitwall from the incident record at ${utcMinute(f.draftedAt)}.
`;
}
