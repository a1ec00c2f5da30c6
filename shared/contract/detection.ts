import { z } from 'zod';
import { detectionSettingsSchema, type DetectionSettings } from '../detection/settings';
import type { DeclareOutcome, DetectionView, Suggestion } from '../detection/types';
import { emptyInput, out } from './define';
import { incidentId, severity, title } from './schemas';

const suggestionId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'suggestion id must be a UUID');

/** Suggested incidents: what detection sees, and the commander's answer to each suggestion. */
export const detectionChannels = {
  /** Open suggestions and recent ones, every rule's state (firing / clear / no data / off), open incidents to attach to. */
  'detection:get': { input: emptyInput, output: out<DetectionView>() },
  /** Declare in one action: detected-at = first match, impact start = when the data shows it began, evidence pinned, playbook attached. */
  'detection:declare': {
    input: z.strictObject({ id: suggestionId, severity: severity.optional(), title: title.optional() }),
    output: out<DeclareOutcome>(),
  },
  /** Add the suggestion's evidence and playbook to an open incident instead of declaring a new one. */
  'detection:attach': { input: z.strictObject({ id: suggestionId, incidentId }), output: out<DeclareOutcome>() },
  'detection:dismiss': {
    input: z.strictObject({
      id: suggestionId,
      reason: z.string().trim().min(1, 'say why it is dismissed').max(2_000),
      /** Not suggested again for this long; absent: the settings' default. */
      forMin: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .optional(),
    }),
    output: out<Suggestion>(),
  },
  'detection:get-settings': { input: emptyInput, output: out<DetectionSettings>() },
  'detection:set-settings': { input: detectionSettingsSchema, output: out<DetectionSettings>() },
} as const;
