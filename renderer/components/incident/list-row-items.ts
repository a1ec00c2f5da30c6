import type { ComponentType } from 'react';
import type { IncidentSummary } from '../../../shared/domain/incident';
import { ChecklistListItem } from '../playbooks/ChecklistHeaderItem';

/**
 * Small items in each incident list row, after status and commander (checklist progress, what falls
 * due next): one component per domain, from its own folder, each given the incident's summary.
 */
export const LIST_ROW_ITEMS: readonly ComponentType<{ incident: IncidentSummary }>[] = [ChecklistListItem];
