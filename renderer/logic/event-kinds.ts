import type { EventKind } from '../../shared/domain/incident';

/** Short labels for timeline kinds; the CSS colours them by kind. */
export const KIND_LABEL: Readonly<Record<EventKind, string>> = {
  declared: 'DECLARED',
  severity: 'SEVERITY',
  status: 'STATUS',
  role: 'ROLE',
  handoff: 'HANDOFF',
  timestamp: 'TIME',
  note: 'NOTE',
  checklist: 'CHECK',
  mitigation: 'MITIGATE',
  escalation: 'ESCALATE',
  comms: 'COMMS',
  alert: 'ALERT',
  detector: 'DETECT',
  'pin-metric': 'METRIC',
  'pin-log': 'LOG',
  edit: 'EDIT',
  backfill: 'HISTORY',
};

export const KIND_ICON: Readonly<Record<EventKind, string>> = {
  declared: '◆',
  severity: '▲',
  status: '●',
  role: '☺',
  handoff: '⇄',
  timestamp: '◷',
  note: '✎',
  checklist: '☑',
  mitigation: '⛨',
  escalation: '⇪',
  comms: '✉',
  alert: '⚠',
  detector: '⌁',
  'pin-metric': '▦',
  'pin-log': '≡',
  edit: '✐',
  backfill: '⇤',
};
