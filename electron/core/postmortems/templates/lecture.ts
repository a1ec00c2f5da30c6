import { severityLabel } from '../../../../shared/domain/severity';
import type { PostmortemFacts } from '../facts';
import { hoursMinutes, inline, table } from '../markdown';
import {
  appendixEvidence,
  blamelessNote,
  gpuImpactBlock,
  listOrNone,
  responseRecord,
  responseTimes,
  timelineRows,
  windowSentence,
} from './sections';

/**
 * The lecture's postmortem template (assets/seeds/ml-incident-lecture.md, "Postmortem Template"):
 * its headings, fields and bracketed guidance kept word for word; what Pitwall recorded is filled in
 * where the template asks for it, and the extra facts it measured sit under the heading they belong to.
 */
export function lectureDraft(f: PostmortemFacts): string {
  const inc = f.incident;
  const w = f.window;
  const actionRows = f.actionItems.map((a) => [inline(a.title), inline(a.owner || '—'), inline(a.ticket || '—'), a.dueDate ?? '—']);
  return `# Incident Postmortem: ${inline(inc.title)}

${[
  `**Incident ID**: ${inc.ref}`,
  `**Date**: ${new Date(w.fromMs).toISOString().slice(0, 10)}`,
  `**Duration**: ${hoursMinutes(w.toMs - w.fromMs)}`,
  `**Severity**: ${severityLabel(inc.severity)}`,
  `**Author**: ${inline(f.author)}`,
  '**Reviewed**: [Date]',
  // Two trailing spaces: a Markdown line break, so the fields show on their own lines as the seed lays them out.
].join('  \n')}

${blamelessNote()}

## Executive Summary
[2-3 sentence summary of what happened and impact]
${inc.summary ? `\nRecorded at declaration: ${inline(inc.summary)}\n` : ''}
## Impact
- **Users Affected**: [number/percentage]
- **Services Impacted**: ${listOrNone(inc.services, '[list]')}
- **Duration**: ${windowSentence(f)}
- **Revenue Impact**: [$amount if applicable]
- **Tenants Affected**: ${listOrNone(inc.tenants, 'none recorded')}
${gpuImpactBlock(f)}

## Timeline (all times in UTC)

${table(['Time', 'Event'], timelineRows(f))}

## Root Cause
[Detailed explanation of what caused the incident]

## Detection
[How was the incident detected?]

${responseTimes(f, ['ttd', 'tta'])}

## Resolution
[How was the incident resolved?]

${responseTimes(f, ['ttm', 'ttr'])}

${responseRecord(f)}

## What Went Well
- [Things that worked well during the incident]

## What Went Wrong
- [Things that didn't work well]

## Action Items

${actionRows.length ? table(['Action', 'Owner', 'Ticket', 'Due Date'], actionRows) : table(['Action', 'Owner', 'Ticket', 'Due Date'], [['[Action]', '@[owner]', '[ticket]', 'YYYY-MM-DD']])}

Action items are tracked under Actions (owner, ticket, due date, status); this table was copied from there when the draft was made.

## Lessons Learned
1. **[Lesson]**: [what it teaches]

## Appendix
- [Links to dashboards]
- [Links to logs]
- [Links to related incidents]
${appendixEvidence(f)}`;
}
