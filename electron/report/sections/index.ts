import { chartsSection } from './charts';
import { coverSection } from './cover';
import { evidenceSection } from './evidence';
import { checklistsSection } from './checklists';
import { commsSection, mitigationsSection } from './command';
import { actionItemsSection, postmortemSection } from './postmortem';
import type { ReportSection } from './section';
import { summarySection } from './summary';
import { timelineSection } from './timeline';

/**
 * The report, in reading order. Each section renders itself from the stored incident into both the
 * HTML (PDF) report and the Markdown export; a domain adds its section with one line here.
 */
export const REPORT_SECTIONS: readonly ReportSection[] = [
  coverSection,
  summarySection,
  chartsSection,
  timelineSection,
  checklistsSection,
  commsSection,
  mitigationsSection,
  postmortemSection,
  actionItemsSection,
  evidenceSection,
];
