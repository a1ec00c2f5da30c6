import { PRIORITY_OF } from '../../../../shared/domain/severity';
import type { PostmortemFacts } from '../facts';
import { hoursMinutes, inline, utcMinute } from '../markdown';
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
 * The Gaudi 3 playbook's incident report template (assets/seeds/gaudi-playbook.md, "Incident Report
 * Template"): its headings, bold fields and bracketed guidance kept word for word. Its timeline is a
 * list ("- **HH:MM** - …") and its follow-ups a task list, so Pitwall writes them that way.
 */
export function gaudiDraft(f: PostmortemFacts): string {
  const inc = f.incident;
  const w = f.window;
  const ended = !w.to.startsWith('now');
  const timeline = timelineRows(f)
    .map(([time, text]) => `- **${time}** - ${text}`)
    .join('\n');
  const actions = [...f.mitigations.map((m) => `${inline(m.text)}${m.outcome ? ` — ${inline(m.outcome)}` : ''} (${inline(m.actor)})`)];
  const followUps = f.actionItems.length
    ? f.actionItems
        .map(
          (a) =>
            `- [${a.status === 'done' ? 'x' : ' '}] ${inline(a.title)} - Assigned to ${inline(a.owner || '[Person]')} - Due ${a.dueDate ?? '[Date]'}${a.ticket ? ` (${inline(a.ticket)})` : ''}`,
        )
        .join('\n')
    : '- [ ] [Action item 1] - Assigned to [Person] - Due [Date]\n- [ ] [Action item 2] - Assigned to [Person] - Due [Date]';
  return `# Incident Report: ${new Date(w.fromMs).toISOString().slice(0, 10)} ${inline(inc.title)}

${blamelessNote()}

## Summary
- **Incident ID:** ${inc.ref}
- **Severity:** ${PRIORITY_OF[inc.severity]} (${inc.severity})
- **Start Time:** ${utcMinute(w.fromMs)} (${w.from})
- **End Time:** ${ended ? `${utcMinute(w.toMs)} (${w.to})` : 'not resolved yet'}
- **Duration:** ${hoursMinutes(w.toMs - w.fromMs)}${ended ? '' : ' so far'}
- **Affected Systems:** ${listOrNone(inc.services, '[List systems]')}
${inc.summary ? `\nRecorded at declaration: ${inline(inc.summary)}\n` : ''}
## Impact
- **Users Affected:** [X users]
- **Service Degradation:** [Description]
- **Business Impact:** [Description]
- **Tenants affected:** ${listOrNone(inc.tenants, 'none recorded')}
- **Impact window:** ${windowSentence(f)}
${gpuImpactBlock(f)}

## Root Cause
[Detailed root cause analysis]

## Timeline
${timeline || '- **HH:MM** - Initial alert received'}

### Response times

${responseTimes(f)}

## Actions Taken
${actions.length ? actions.map((a, i) => `${i + 1}. ${a}`).join('\n') : '1. [Action 1]\n2. [Action 2]\n3. [Action 3]'}

${responseRecord(f)}

## Lessons Learned
- [Lesson 1]
- [Lesson 2]

## Follow-up Actions
${followUps}

## Appendix
${appendixEvidence(f)}`;
}
