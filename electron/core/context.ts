import type Database from 'better-sqlite3';
import type { ChecklistView } from '../../shared/playbooks/checklist';
import type { Platform } from '../platform/platform';
import type { EventHub } from './event-hub';
import type { EvidenceService } from './telemetry/evidence-service';
import type { IncidentService } from './incidents/incident-service';
import type { PolicyService } from './policy-service';
import type { PreferencesService } from './preferences/preferences-service';
import type { SourceService } from './sources/source-service';
import type { TelemetryRuntime } from './telemetry/telemetry-runtime';
import type { TelemetryService } from './telemetry/telemetry-service';

/**
 * What every domain's service is built from (electron/core/<domain>/). app.ts makes one and hands it
 * to each domain's `create…` function, so adding a domain touches app.ts in one line, not ten.
 */
export interface CoreContext {
  db: Database.Database;
  dataDir: string;
  now: () => number;
  /** Who is acting: the author of every event and new record. */
  operator: () => string;
  hub: EventHub;
  platform: Platform;
  log: (message: string, err?: unknown) => void;
  incidents: IncidentService;
  policy: PolicyService;
  sources: SourceService;
  telemetry: TelemetryService;
  runtime: TelemetryRuntime;
  evidence: EvidenceService;
  /** The operator name (what `operator()` returns) and time display, saved per workstation. */
  preferences: PreferencesService;
  /**
   * Cross-domain link to the checklists: attach a playbook's checklist to an incident, inside the
   * caller's transaction (detection declares from a suggestion and attaches its playbook). The
   * playbooks domain installs the real one when it is created; until then it refuses in words.
   */
  playbooks: PlaybookLink;
  /** Work to stop before the database closes (timers, background jobs); run in reverse order of registration. */
  onClose(stop: () => void | Promise<void>): void;
}

export interface PlaybookLink {
  /** Attaches unless already attached (then nothing happens); inside the caller's transaction. */
  attach(incidentId: number, playbookId: string, at: number): void;
  /** The incident's checklists with each item's state (postmortem, handoff notes). */
  checklists(incidentId: number): ChecklistView[];
}
