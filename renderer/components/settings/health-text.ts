import type { SourceHealth } from '../../../shared/domain/source-config';
import { formatAgo, formatDuration } from '../../logic/format';

function lastGood(h: SourceHealth, now: number): string {
  return h.lastSuccessAt === null ? 'no good data yet' : `last good data ${formatAgo(h.lastSuccessAt, now)}`;
}

/**
 * One line saying how a source is doing, e.g. "ok · polled 4s ago · 38 ms" or
 * "down · refused: nothing listens at 127.0.0.1:9090 · last good data 12m 00s ago".
 */
export function healthText(h: SourceHealth, now: number): string {
  const parts: string[] = [];
  const error = h.lastError ? `${h.lastError.kind}: ${h.lastError.message}` : null;
  switch (h.state) {
    case 'ok':
      parts.push('ok');
      if (h.lastSuccessAt !== null) parts.push(`polled ${formatAgo(h.lastSuccessAt, now)}`);
      if (h.latencyMs !== null) parts.push(`${Math.round(h.latencyMs)} ms`);
      break;
    case 'unknown':
      parts.push('not polled yet');
      if (h.nextPollAt !== null && h.nextPollAt > now)
        parts.push(`first poll in ${formatDuration(Math.ceil((h.nextPollAt - now) / 1000) * 1000)}`);
      break;
    case 'degraded':
    case 'down':
      parts.push(h.state);
      if (error) parts.push(error);
      if (h.consecutiveFailures > 1) parts.push(`${h.consecutiveFailures} failures in a row`);
      parts.push(lastGood(h, now));
      break;
    case 'disabled':
      parts.push('disabled', 'not polled');
      if (h.lastSuccessAt !== null) parts.push(lastGood(h, now));
      break;
  }
  return parts.join(' · ');
}
