import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, gunzipSync, inflate as inflateCb, inflateSync, type ZlibOptions } from 'node:zlib';
import { SourceError } from './source-error';

/** What reading one answer needs to know: who sent it (for messages) and how much of it to accept. */
export interface BodyLimits {
  where: string;
  cap: number;
}

const gunzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gunzip);
const inflateAsync = promisify<Buffer, ZlibOptions, Buffer>(inflateCb);

export function formatMiB(bytes: number): string {
  return String(Number((bytes / (1024 * 1024)).toFixed(2)));
}

function tooLarge(ctx: BodyLimits): SourceError {
  return new SourceError('too-large', `${ctx.where} sent a response larger than ${formatMiB(ctx.cap)} MiB; stopped reading it`);
}

/** Compressed bodies up to this size are inflated synchronously: a few dozen µs, against a stream's few hundred. */
const SYNC_INFLATE_BYTES = 64 * 1024;

/**
 * Reads the body and gives up as soon as it passes the cap. A compressed body is read whole, then
 * inflated in one call with the cap as its output limit (counted after decompression, against gzip bombs).
 */
export function readBody(res: IncomingMessage, ctx: BodyLimits): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const encoding = (res.headers['content-encoding'] ?? 'identity').toLowerCase();
    const declared = Number(res.headers['content-length']);
    if (encoding === 'identity' && Number.isFinite(declared) && declared > ctx.cap) {
      reject(tooLarge(ctx));
      return;
    }
    const compressed = encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate';
    if (!compressed && encoding !== 'identity') {
      res.resume();
      reject(new SourceError('malformed', `${ctx.where} sent an unsupported content encoding "${encoding}"`));
      return;
    }
    // Stored (incompressible) deflate blocks add 5 bytes per 64 KiB and gzip 18 more: a compressed
    // body this much over the cap cannot inflate to less than it.
    const wireCap = compressed ? ctx.cap + Math.ceil(ctx.cap / 8192) + 1024 : ctx.cap;
    const chunks: Buffer[] = [];
    let total = 0;
    res.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > wireCap) {
        chunks.length = 0;
        res.destroy();
        reject(tooLarge(ctx));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
      if (!compressed) resolve(body.toString('utf8'));
      else inflate(body, encoding, ctx).then(resolve, reject);
    });
    res.on('error', (err) => {
      reject(new SourceError('network', `${ctx.where} dropped the connection while sending its answer`, { cause: err }));
    });
  });
}

async function inflate(body: Buffer, encoding: string, ctx: BodyLimits): Promise<string> {
  const options = { maxOutputLength: ctx.cap };
  const deflate = encoding === 'deflate';
  try {
    let out: Buffer;
    if (body.length <= SYNC_INFLATE_BYTES) out = deflate ? inflateSync(body, options) : gunzipSync(body, options);
    else out = await (deflate ? inflateAsync(body, options) : gunzipAsync(body, options));
    return out.toString('utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(ctx);
    throw new SourceError('malformed', `${ctx.where} sent a body that does not decompress (${encoding})`, { cause: err });
  }
}
