import { z } from 'zod';
import type { Incident, IncidentDetail, IncidentSummary, TimelineEvent } from '../domain/incident';
import type { SourceHealth, SourceQuery, SourceTestOutcome, SourceView } from '../domain/source-config';
import type { AlertRecord, LogQueryResult, RetentionSettings, SeriesResult, TelemetrySnapshot } from '../domain/telemetry';
import type { SeverityPolicy } from '../policy/severity-policy';
import * as s from './schemas';
import { SOURCE_KINDS } from '../domain/sources';
import * as src from './source-schemas';

/**
 * THE contract between the renderer and the main process. Both adapters (Electron
 * IPC and browser-mode HTTP) loop over this map; no channel string is written
 * anywhere else. `output` is a type marker only — it carries no runtime value.
 */
function out<T>(): T {
  return undefined as T;
}

const empty = z.strictObject({});

export const channels = {
  'app:get-info': { input: empty, output: out<AppInfo>() },
  'incident:list': { input: s.listInput, output: out<IncidentSummary[]>() },
  'incident:get': { input: z.strictObject({ id: s.incidentId }), output: out<IncidentDetail>() },
  'incident:declare': { input: s.declareInput, output: out<Incident>() },
  'incident:set-severity': {
    input: z.strictObject({ id: s.incidentId, severity: s.severity, reason: s.longText.default('') }),
    output: out<Incident>(),
  },
  'incident:set-status': {
    input: z.strictObject({ id: s.incidentId, status: s.status, reason: s.longText.default('') }),
    output: out<Incident>(),
  },
  'incident:set-time': {
    input: z.strictObject({ id: s.incidentId, field: s.editableTime, at: s.epochMs.nullable() }),
    output: out<Incident>(),
  },
  'incident:acknowledge': { input: z.strictObject({ id: s.incidentId }), output: out<Incident>() },
  'incident:assign-role': {
    input: z.strictObject({ id: s.incidentId, role: s.role, person: s.personName, note: s.longText.default('') }),
    output: out<Incident>(),
  },
  'incident:edit': {
    input: z.strictObject({
      id: s.incidentId,
      title: s.title.optional(),
      summary: s.longText.optional(),
      services: s.nameList.optional(),
      tenants: s.nameList.optional(),
    }),
    output: out<Incident>(),
  },
  'incident:add-note': {
    input: z.strictObject({ id: s.incidentId, text: s.longText.trim().min(1, 'note must not be empty') }),
    output: out<TimelineEvent>(),
  },
  'policy:get': { input: empty, output: out<SeverityPolicy>() },
  'policy:set': { input: s.policyInput, output: out<SeverityPolicy>() },
  'incident:pin-evidence': { input: src.pinInput, output: out<TimelineEvent>() },
  'source:list': { input: empty, output: out<SourceView[]>() },
  'source:save': { input: src.sourceInput, output: out<SourceView>() },
  'source:delete': { input: z.strictObject({ id: src.sourceId }), output: out<{ id: number }>() },
  /** Tests a saved source or an unsaved form; a failing upstream is a successful call with `success: false`. */
  'source:test': { input: src.sourceTestInput, output: out<SourceTestOutcome>() },
  'source:poll-now': { input: z.strictObject({ id: src.sourceId }), output: out<SourceHealth>() },
  /** Pitwall's default queries for a kind (empty for kinds that poll fixed endpoints), to reset a form to. */
  'source:default-queries': { input: z.strictObject({ kind: z.enum(SOURCE_KINDS) }), output: out<SourceQuery[]>() },
  'telemetry:get-series': { input: src.seriesInput, output: out<SeriesResult>() },
  'telemetry:get-snapshot': { input: empty, output: out<TelemetrySnapshot>() },
  'telemetry:list-alerts': { input: src.alertsInput, output: out<AlertRecord[]>() },
  'retention:get': { input: empty, output: out<RetentionSettings>() },
  'retention:set': { input: src.retentionInput, output: out<RetentionSettings>() },
  'logs:query': { input: src.logsInput, output: out<LogQueryResult>() },
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
/** What the caller may pass (defaults make some fields optional). */
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
/** What the handler receives after parsing (defaults applied). */
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = Channels[C]['output'];

export interface AppInfo {
  version: string;
  mode: 'electron' | 'browser';
  dataDir: string;
  operator: string;
  startedAt: number;
  /** How source secrets are encrypted at rest, e.g. "Electron safeStorage (gnome_libsecret)"; shown under Sources. */
  secrets: string;
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
