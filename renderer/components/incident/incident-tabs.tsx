import type { ComponentType } from 'react';
import type { Incident, TimelineEvent } from '../../../shared/domain/incident';
import { ChecklistsTab } from '../playbooks/ChecklistsTab';
import { CommandActionsTab } from '../command-actions/CommandActionsTab';
import { PostmortemTab } from '../postmortem/PostmortemTab';
import { ReportTab } from '../reports/ReportTab';
import { CommandTab } from './CommandTab';
import { DetailsTab } from './DetailsTab';
import { COMMAND_TAB_ID, DETAILS_TAB_ID } from './incident-tab-ids';

export interface IncidentTabProps {
  incident: Incident;
  timeline: TimelineEvent[];
}

export interface IncidentTab {
  id: string;
  label: string;
  /** The single key that opens it (outside text fields); digits, in tab order. */
  key: string;
  Panel: ComponentType<IncidentTabProps>;
}

/**
 * The incident view's tabs. "Command" is the one-screen view of the live incident; a domain that
 * gives the incident commander a working surface of its own (checklists, comms, postmortem…)
 * adds one line here with a Panel from its own folder. "Details" (scope, key times, roles) stays last.
 */
export const INCIDENT_TABS: readonly IncidentTab[] = [
  { id: COMMAND_TAB_ID, label: 'Command', key: '1', Panel: CommandTab },
  { id: 'checklists', label: 'Checklists', key: '2', Panel: ChecklistsTab },
  { id: 'actions', label: 'Comms & actions', key: '3', Panel: CommandActionsTab },
  { id: 'postmortem', label: 'Postmortem', key: '4', Panel: PostmortemTab },
  { id: 'report', label: 'Report', key: '5', Panel: ReportTab },
  { id: DETAILS_TAB_ID, label: 'Details', key: '6', Panel: DetailsTab },
];
