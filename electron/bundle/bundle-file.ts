import { createHash } from 'node:crypto';
import { AppFailure } from '../../shared/contract/result';
import { BUNDLE_FORMAT, BUNDLE_VERSION, bundleBody, bundleEnvelope, type BundleBody } from './bundle-schema';
import { TableRowError, type AnyBundleTable } from './bundle-tables';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

/**
 * The bundle's bytes: compact JSON (no whitespace, so a changed byte anywhere breaks either the
 * JSON or the checksum) with the checksum of the body beside it. The body is checked against the
 * schema first: what Pitwall writes, Pitwall can read back.
 */
export function serializeBundle(body: BundleBody): string {
  const checked = bundleBody.safeParse(body);
  if (!checked.success) {
    throw new AppFailure('internal', `This incident cannot be written as a bundle: ${firstIssue(checked.error)}`);
  }
  const bodyText = JSON.stringify(checked.data);
  return `{"format":${JSON.stringify(BUNDLE_FORMAT)},"version":${BUNDLE_VERSION},"sha256":"${sha256(bodyText)}","body":${bodyText}}`;
}

export interface ParsedBundle {
  body: BundleBody;
  sha256: string;
  /** Each registered table's checked rows, ready to write, with their weight (e.g. points). */
  tables: { name: string; what: string; rows: number; weight: number; write(incidentId: number): void }[];
}

const refused = (why: string): AppFailure => new AppFailure('bad-input', `${why} Nothing was imported.`);

/**
 * Reads and checks a whole bundle before anything is written: text, JSON, format, version,
 * checksum, schema, and every registered table's rows. Each way a file can be wrong gets its own
 * sentence, so the person knows whether to ask for a new export, update Pitwall, or pick another file.
 */
export function parseBundle(bytes: Uint8Array, tables: readonly AnyBundleTable[]): ParsedBundle {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refused('The file is not UTF-8 text, so it is not a Pitwall bundle (or it was damaged).');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const looksOurs = text.startsWith(`{"format":${JSON.stringify(BUNDLE_FORMAT)}`);
    throw refused(
      looksOurs
        ? `The bundle is incomplete or damaged: it is not valid JSON (${(err as Error).message}; ${bytes.length} bytes read). It may have been cut short while copying; export it again.`
        : `The file is not JSON (${(err as Error).message}), so it is not a Pitwall bundle.`,
    );
  }
  const format = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as { format?: unknown }).format : undefined;
  if (format !== BUNDLE_FORMAT) {
    throw refused(`The file is JSON but not a Pitwall incident bundle (it does not say "format": "${BUNDLE_FORMAT}").`);
  }
  const envelope = bundleEnvelope.safeParse(json);
  if (!envelope.success) throw refused(`The bundle's header is damaged (${firstIssue(envelope.error)}).`);
  const { version } = envelope.data;
  if (Number.isInteger(version) && version > BUNDLE_VERSION) {
    throw refused(
      `The bundle was written by a newer Pitwall (bundle version ${version}; this Pitwall reads version ${BUNDLE_VERSION}). Update Pitwall to import it.`,
    );
  }
  if (version !== BUNDLE_VERSION) throw refused(`The bundle has version ${version}, which no Pitwall writes.`);
  const extra = Object.keys(json as object).filter((k) => !['format', 'version', 'sha256', 'body'].includes(k));
  if (extra.length) throw refused(`The bundle's header has fields no Pitwall writes (${extra.join(', ')}).`);
  if (sha256(JSON.stringify(envelope.data.body)) !== envelope.data.sha256) {
    throw refused("The bundle's contents do not match its checksum: it was changed or damaged after it was exported.");
  }
  const body = bundleBody.safeParse(envelope.data.body);
  if (!body.success) throw refused(`The bundle does not hold a valid incident (${firstIssue(body.error)}).`);
  const known = new Map(tables.map((t) => [t.name, t]));
  const unknown = Object.keys(body.data.tables).filter((name) => !known.has(name));
  if (unknown.length) {
    throw refused(
      `The bundle holds data this Pitwall does not know (${unknown.join(', ')}); update Pitwall to import it without losing it.`,
    );
  }
  const checked = tables.map((t) => {
    const rows = body.data.tables[t.name] ?? [];
    try {
      return { name: t.name, what: t.what, rows: rows.length, ...t.validate(rows) };
    } catch (err) {
      if (err instanceof TableRowError)
        throw refused(`The bundle's ${t.what} are not valid (${t.name}${err.path ? `.${err.path}` : ''}: ${err.message}).`);
      throw err;
    }
  });
  return { body: body.data, sha256: envelope.data.sha256, tables: checked };
}
