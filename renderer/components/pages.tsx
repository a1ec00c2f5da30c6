import type { ComponentType } from 'react';
import type { PageId } from '../state/route-hash';
import { ActionItemsPage } from './actions/ActionItemsPage';
import { MetricsPage } from './metrics/MetricsPage';
import { PlaybooksPage } from './playbooks/PlaybooksPage';
import { SettingsView } from './settings/SettingsView';

export interface PageSpec {
  id: PageId;
  /** The top bar button's text. */
  label: string;
  Component: ComponentType;
}

/**
 * Top-level pages, in top-bar order. A domain with a page of its own (playbook library, action
 * items, metrics…) adds one line here and its id to PAGES in state/route-hash.ts.
 */
export const PAGE_SPECS: readonly PageSpec[] = [
  { id: 'playbooks', label: 'Playbooks', Component: PlaybooksPage },
  { id: 'actions', label: 'Actions', Component: ActionItemsPage },
  { id: 'metrics', label: 'Metrics', Component: MetricsPage },
  { id: 'settings', label: 'Settings', Component: SettingsView },
];
