import type { SourceInput } from '../../../shared/contract/source-schemas';
import { AppFailure } from '../../../shared/contract/result';
import type { StoredConfig, StoredSecrets, StoredSource } from '../../store/sources/source-rows';

/**
 * Merge a saved form with what is stored: the renderer never sees secrets, so an omitted secret
 * means "keep the stored one". What no longer applies is dropped: switching auth kind drops the old
 * password/token, removing a secret header drops its value.
 *
 * `stored` decrypts lazily: a form that re-enters every secret saves even when the old ones cannot
 * be decrypted any more (lost key file).
 */
export function mergeSecrets(
  input: SourceInput,
  existing: StoredSource | null,
  stored: () => StoredSecrets,
): { auth: StoredConfig['auth']; headers: StoredConfig['headers']; secrets: StoredSecrets } {
  const secrets: StoredSecrets = { headers: {} };
  const previousAuth = existing?.config.auth.kind;
  let auth: StoredConfig['auth'];
  switch (input.auth.kind) {
    case 'none':
      auth = { kind: 'none' };
      break;
    case 'basic': {
      const password = input.auth.password ?? (previousAuth === 'basic' ? stored().password : undefined);
      if (password === undefined) throw new AppFailure('bad-input', 'Basic authentication needs a password.');
      secrets.password = password;
      auth = { kind: 'basic', username: input.auth.username };
      break;
    }
    case 'bearer': {
      const token = input.auth.token ?? (previousAuth === 'bearer' ? stored().token : undefined);
      if (token === undefined) throw new AppFailure('bad-input', 'Bearer authentication needs a token.');
      secrets.token = token;
      auth = { kind: 'bearer' };
      break;
    }
  }

  const previous = new Map((existing?.config.headers ?? []).map((h) => [h.name.toLowerCase(), h]));
  const seen = new Set<string>();
  const headers: StoredConfig['headers'] = [];
  for (const h of input.headers) {
    const lower = h.name.toLowerCase();
    if (seen.has(lower)) throw new AppFailure('bad-input', `The header ${h.name} is listed twice.`);
    seen.add(lower);
    const before = previous.get(lower);
    if (h.secret) {
      const value = h.value ?? (before?.secret ? stored().headers[lower] : undefined);
      if (value === undefined) throw new AppFailure('bad-input', `The secret header ${h.name} needs a value.`);
      secrets.headers[lower] = value;
      headers.push({ name: h.name, value: null, secret: true });
    } else {
      // A header that was secret never turns into stored plain text by omission.
      const value = h.value ?? (before && !before.secret ? before.value : null);
      if (value === null) throw new AppFailure('bad-input', `The header ${h.name} needs a value.`);
      headers.push({ name: h.name, value, secret: false });
    }
  }
  return { auth, headers, secrets };
}

export function hasSecrets(s: StoredSecrets): boolean {
  return s.password !== undefined || s.token !== undefined || Object.keys(s.headers).length > 0;
}
