import type { ComponentType } from 'react';
import { BackupSection } from '../maintenance/BackupSection';
import { NotificationsSection } from '../command-actions/NotificationsSection';
import { PolicySection } from '../command-actions/PolicySection';
import { TemplatesSection } from '../command-actions/TemplatesSection';
import { PreferencesSection } from '../preferences/PreferencesSection';
import { RetentionSection } from './RetentionSection';
import { DetectionSettingsSection } from '../detection/DetectionSettingsSection';

/**
 * Sections of the settings page below the sources, in order. A domain with settings of its own
 * (severity policy, comms templates, detection thresholds, operator and time display…) adds one line
 * here with a section component from its own folder.
 */
export const SETTINGS_SECTIONS: readonly { id: string; Section: ComponentType }[] = [
  { id: 'preferences', Section: PreferencesSection },
  { id: 'retention', Section: RetentionSection },
  { id: 'backups', Section: BackupSection },
  { id: 'severity-policy', Section: PolicySection },
  { id: 'comms-templates', Section: TemplatesSection },
  { id: 'notifications', Section: NotificationsSection },
  { id: 'detection', Section: DetectionSettingsSection },
];
