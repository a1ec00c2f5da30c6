import type { AuthSummary } from '../../../logic/auth-summary';
import type { TimeWindow } from '../../../../shared/chart/chart-data';
import { formatClock } from '../../../logic/format';
import { Name } from '../../text/UntrustedText';
import { Sparkline } from '../queue/Sparkline';
import '../../../styles/side-panels.css';

const rate = (v: number | null): string => (v === null ? '—' : v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'));

/**
 * Requests refused as unauthorised (401) through the gateway, where, and which identity provider is
 * failing: the auth-outage signals of the first-response checklist, from stored series.
 */
export function AuthPanel({ summary, win, error }: { summary: AuthSummary | null; win: TimeWindow | null; error: string | null }) {
  const a = summary;
  const empty = a === null || (a.unauthorizedPerMin === null && a.providers.length === 0);
  return (
    <section
      className={`panel side-panel auth-panel tone-${a?.tone ?? 'unknown'}`}
      aria-labelledby="auth-h"
      data-testid="auth-panel"
      data-tone={a?.tone ?? 'unknown'}
    >
      <div className="side-head">
        <h2 id="auth-h">Auth</h2>
        {a?.newestAt != null && <span className="muted side-age">as of {formatClock(a.newestAt)}</span>}
      </div>
      {error && <p className="inline-error side-note">{error}</p>}
      {empty ? (
        <p className="muted side-note">{a ? 'No gateway or identity-provider series in this window.' : 'Reading…'}</p>
      ) : (
        <>
          <div className="auth-main">
            <span className="auth-rate" data-testid="auth-401-rate">
              <b>{rate(a.unauthorizedPerMin)}</b>/min <span className="muted">401</span>
            </span>
            <Sparkline points={a.trend} win={win} />
            <span className="auth-share" data-testid="auth-401-share">
              {a.unauthorizedShare === null ? '' : `${(a.unauthorizedShare * 100).toFixed(a.unauthorizedShare < 0.1 ? 1 : 0)}% of requests`}
            </span>
          </div>
          {a.byService.length > 0 && (
            <p className="auth-services muted">
              {a.byService.slice(0, 3).map((s, i) => (
                <span key={s.service}>
                  {i > 0 && ' · '}
                  <Name text={s.service} /> {rate(s.perMin)}/min
                </span>
              ))}
            </p>
          )}
          {/* Failing providers first, with their failure rate; the healthy ones after, briefly (the rate in the tooltip). */}
          <ul className="auth-providers">
            {[...a.providers]
              .sort((x, y) => Number(x.up !== false) - Number(y.up !== false))
              .map((p) => (
                <li
                  key={p.provider}
                  className={p.up === false ? 'down' : p.up ? 'up' : 'unknown'}
                  data-testid="auth-provider"
                  data-up={String(p.up)}
                  title={p.failuresPerMin === null ? undefined : `${rate(p.failuresPerMin)} tokens failed validation per minute`}
                >
                  <span className="provider-name">
                    <Name text={p.provider} />
                  </span>{' '}
                  {p.up === false ? 'DOWN' : p.up ? 'up' : '?'}
                  {p.up === false && p.failuresPerMin !== null && p.failuresPerMin > 0 && (
                    <span> · {rate(p.failuresPerMin)} bad tokens/min</span>
                  )}
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
