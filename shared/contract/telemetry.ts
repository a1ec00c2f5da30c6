import { z } from 'zod';
import type { TimelineEvent } from '../domain/incident';
import type { SourceHealth, SourceQuery, SourceTestOutcome, SourceView } from '../domain/source-config';
import { SOURCE_KINDS } from '../domain/sources';
import type { AlertRecord, LogDefaults, LogQueryResult, RetentionSettings, SeriesResult, TelemetrySnapshot } from '../domain/telemetry';
import { emptyInput, out } from './define';
import * as src from './source-schemas';

/** Sources, what their polls stored, logs, and evidence pinned from them. */
export const telemetryChannels = {
  'incident:pin-evidence': { input: src.pinInput, output: out<TimelineEvent>() },
  'source:list': { input: emptyInput, output: out<SourceView[]>() },
  'source:save': { input: src.sourceInput, output: out<SourceView>() },
  'source:delete': { input: z.strictObject({ id: src.sourceId }), output: out<{ id: number }>() },
  /** Tests a saved source or an unsaved form; a failing upstream is a successful call with `success: false`. */
  'source:test': { input: src.sourceTestInput, output: out<SourceTestOutcome>() },
  'source:poll-now': { input: z.strictObject({ id: src.sourceId }), output: out<SourceHealth>() },
  /** Pitwall's default queries for a kind (empty for kinds that poll fixed endpoints), to reset a form to; Loki's select on `serviceLabel`. */
  'source:default-queries': {
    input: z.strictObject({ kind: z.enum(SOURCE_KINDS), serviceLabel: src.serviceLabel.optional() }),
    output: out<SourceQuery[]>(),
  },
  'telemetry:get-series': { input: src.seriesInput, output: out<SeriesResult>() },
  'telemetry:get-snapshot': { input: emptyInput, output: out<TelemetrySnapshot>() },
  'telemetry:list-alerts': { input: src.alertsInput, output: out<AlertRecord[]>() },
  'retention:get': { input: emptyInput, output: out<RetentionSettings>() },
  'retention:set': { input: src.retentionInput, output: out<RetentionSettings>() },
  'logs:query': { input: src.logsInput, output: out<LogQueryResult>() },
  /** The stream label the logs panel's default queries select on, from the Loki source's own labels. */
  'logs:defaults': { input: z.strictObject({ sourceId: src.sourceId.optional() }), output: out<LogDefaults>() },
} as const;
