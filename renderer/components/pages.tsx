import type { ComponentType } from 'react';
import type { PageId } from '../state/route-hash';
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
  { id: 'settings', label: 'Settings', Component: SettingsView },
];
