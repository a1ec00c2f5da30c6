import { ROLE_LABEL, type Role } from '../../../shared/domain/roles';
import type { Answer, ChecklistActionKind } from '../../../shared/playbooks/checklist';
import type { EvidenceReading } from '../../../shared/playbooks/evidence';
import type { Playbook, PlaybookItem } from '../../../shared/playbooks/schema';

/** One line for the timeline per checklist action: what happened to which item of which playbook, and what the evidence read. */
export function actionSummary(
  playbook: Playbook,
  item: PlaybookItem,
  a: { action: ChecklistActionKind; text: string | null; role: Role | null; answer: Answer | null; evidence: EvidenceReading[] | null },
  ruledOut: number,
): string {
  const where = `(${playbook.title})`;
  const seen = a.evidence?.length ? ` — seen: ${a.evidence.map((r) => r.text).join('; ')}` : '';
  switch (a.action) {
    case 'done':
      return `Done: ${item.text} ${where}${seen}`;
    case 'skipped':
      return `Skipped: ${item.text} ${where} — reason: ${a.text ?? ''}${seen}`;
    case 'not-applicable':
      return `Not applicable: ${item.text} ${where}${a.text ? ` — ${a.text}` : ''}${seen}`;
    case 'reopen':
      return `Reopened: ${item.text} ${where}`;
    case 'note':
      return `Note on “${item.text}” ${where}: ${a.text ?? ''}`;
    case 'assign':
      return a.role ? `Assigned to ${ROLE_LABEL[a.role]}: ${item.text} ${where}` : `Unassigned: ${item.text} ${where}`;
    case 'answer': {
      const branch = a.answer ? item[a.answer] : undefined;
      const others = ruledOut > 0 ? `; ${ruledOut} item${ruledOut === 1 ? '' : 's'} of the other branch not applicable` : '';
      return `Decision: ${item.text} → ${a.answer ?? '?'}${branch ? ` (${branch.label})` : ''} ${where}${others}${seen}`;
    }
  }
}

export function attachSummary(playbook: Playbook, items: number, dueFrom: number | null): string {
  const due =
    dueFrom !== null && playbook.sections.some((s) => s.dueAfterMin !== undefined)
      ? `, due counted from the resolution at ${new Date(dueFrom).toISOString()}`
      : '';
  return `Attached playbook “${playbook.title}” (${playbook.id} v${playbook.version}, ${items} items${due})`;
}
