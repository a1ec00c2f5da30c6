import { html } from '../html';
import { mdText } from '../markdown';
import { eventKindSection, type ReportSection } from './section';

/*
 * What the response did, from the timeline events those domains write. When the comms,
 * mitigations and postmortem domains store richer records of their own, their sections
 * replace these lines in sections/index.ts and read those records (through their bundle tables).
 */

export const commsSection = eventKindSection('comms', 'Communications sent', 'comms', 'No communications were recorded as sent.');

export const mitigationsSection = eventKindSection(
  'mitigations',
  'Mitigations and their outcomes',
  'mitigation',
  'No mitigations were recorded on the timeline.',
);

function placeholder(id: string, title: string, text: string): ReportSection {
  return {
    id,
    title,
    entries: () => 0,
    html: () => html`<p class="empty">${text}</p>`,
    markdown: () => `_${mdText(text)}_`,
  };
}

export const postmortemSection = placeholder('postmortem', 'Postmortem', 'No postmortem has been written for this incident yet.');

export const actionItemsSection = placeholder('action-items', 'Action items', 'No action items have been recorded for this incident yet.');
