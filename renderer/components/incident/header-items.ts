import type { ComponentType } from 'react';
import type { Incident } from '../../../shared/domain/incident';
import { SimilarHeaderItem } from '../search/SimilarHeaderItem';
import { ChecklistHeaderItem } from '../playbooks/ChecklistHeaderItem';
import { NextDueItem } from '../command-actions/NextDueItem';

/**
 * Small items in the incident header beside the clocks (checklist progress, what falls due next):
 * one component per domain, from its own folder, each given the incident.
 */
export const HEADER_ITEMS: readonly ComponentType<{ incident: Incident }>[] = [ChecklistHeaderItem, NextDueItem, SimilarHeaderItem];
