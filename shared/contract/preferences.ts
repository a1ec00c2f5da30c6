import { z } from 'zod';
import type { Preferences } from '../domain/preferences';
import { TIME_DISPLAYS } from '../domain/preferences';
import { emptyInput, out } from './define';
import { personName } from './schemas';

/** Who is at this console and how times are written. */
export const preferencesChannels = {
  'preferences:get': { input: emptyInput, output: out<Preferences>() },
  /** Only the fields given change; the operator name is what every later event and record is attributed to. */
  'preferences:set': {
    input: z.strictObject({ operator: personName.optional(), timeDisplay: z.enum(TIME_DISPLAYS).optional() }),
    output: out<Preferences>(),
  },
} as const;
