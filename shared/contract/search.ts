import { z } from 'zod';
import type { SearchResult, SimilarIncident } from '../domain/search';
import { SEVERITIES } from '../domain/severity';
import { STATUSES } from '../domain/status';
import { out } from './define';
import { epochMs, incidentId } from './schemas';

/** Full-text search over incidents and everything written about them; similar past incidents. */
export const searchInput = z
  .strictObject({
    text: z.string().trim().max(200, 'search text must be at most 200 characters').default(''),
    severities: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).default([]),
    statuses: z.array(z.enum(STATUSES)).max(STATUSES.length).default([]),
    /** Declared at or after / before; either may be left open. */
    fromMs: epochMs.nullable().default(null),
    toMs: epochMs.nullable().default(null),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((i) => i.fromMs === null || i.toMs === null || i.fromMs <= i.toMs, 'the "from" date must not be after the "to" date');

export const searchChannels = {
  'search:incidents': { input: searchInput, output: out<SearchResult[]>() },
  'search:similar-incidents': {
    input: z.strictObject({ id: incidentId, limit: z.number().int().min(1).max(20).default(5) }),
    output: out<SimilarIncident[]>(),
  },
} as const;
