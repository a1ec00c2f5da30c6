import type { SourceHealth } from '../../../shared/domain/source-config';

/** "4 s ago", "12 min ago", "3 h ago", "2 d ago" — spelled out, because these lines are read under stress. */
export function ago(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

function lastGood(h: SourceHealth, now: number): string {
  return h.lastSuccessAt === null ? 'no good data yet' : `last good data ${ago(h.lastSuccessAt, now)}`;
}

/**
 * One line saying how a source is doing, e.g. "ok · polled 4 s ago · 38 ms" or
 * "down · refused: nothing listens at 127.0.0.1:9090 · last good data 12 min ago".
 */
export function healthText(h: SourceHealth, now: number): string {
  const parts: string[] = [];
  const error = h.lastError ? `${h.lastError.kind}: ${h.lastError.message}` : null;
  switch (h.state) {
    case 'ok':
      parts.push('ok');
      if (h.lastSuccessAt !== null) parts.push(`polled ${ago(h.lastSuccessAt, now)}`);
      if (h.latencyMs !== null) parts.push(`${Math.round(h.latencyMs)} ms`);
      break;
    case 'unknown':
      parts.push('not polled yet');
      if (h.nextPollAt !== null && h.nextPollAt > now) parts.push(`first poll in ${Math.ceil((h.nextPollAt - now) / 1000)} s`);
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
