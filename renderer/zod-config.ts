import { z } from 'zod';

/**
 * Imported first by main.tsx, before any module builds a schema. Zod 4 compiles a fast object parser
 * with `new Function` and probes for it when a schema is built; under our CSP (script-src 'self', no
 * 'unsafe-eval') the probe is blocked and every page load reported a `script-src eval` violation.
 * `jitless` skips both the probe and the compiled path; the interpreted parser gives the same results.
 */
z.config({ jitless: true });
