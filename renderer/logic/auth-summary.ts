import type { SeriesData, SeriesPoint } from '../../shared/domain/telemetry';
import { dedupeByLabels } from '../../shared/chart/chart-data';
import { rateTrend, recentRatePerMin } from './counter-rate';

/** The rate the auth panel calls "now": requests over the last two minutes of samples. */
export const RECENT_MS = 2 * 60_000;

export type AuthTone = 'ok' | 'warn' | 'breach' | 'unknown';

export interface ProviderState {
  provider: string;
  /** Its health check at the newest sample; null when no sample says. */
  up: boolean | null;
  failuresPerMin: number | null;
}

export interface AuthSummary {
  /** 401 answers per minute over the last two minutes of samples, and their share of all requests. */
  unauthorizedPerMin: number | null;
  unauthorizedShare: number | null;
  /** 401 per minute over the window, for the sparkline. */
  trend: SeriesPoint[];
  byService: { service: string; perMin: number }[];
  providers: ProviderState[];
  /** Writes refused because storage is full (HTTP 507), per minute: MinIO's answer once its disk fills. */
  storageFullPerMin: number | null;
  newestAt: number | null;
  tone: AuthTone;
}

const group = <T extends string>(series: readonly SeriesData[], label: string): Map<T, SeriesData[]> => {
  const out = new Map<T, SeriesData[]>();
  for (const s of series) {
    const key = (s.labels[label] ?? '') as T;
    out.set(key, [...(out.get(key) ?? []), s]);
  }
  return out;
};

/**
 * The auth picture from the gateway and identity-provider series: how many requests are refused as
 * unauthorised now, where, and which provider is failing. Above 10 % refused is an outage (breach),
 * above 2 % worth a look (expired tokens make a trickle on a healthy day).
 */
export function authSummary(
  requests: readonly SeriesData[],
  failures: readonly SeriesData[],
  providerUp: readonly SeriesData[],
  win: { fromMs: number; toMs: number },
): AuthSummary {
  const req = dedupeByLabels(requests);
  const unauthorized = req.filter((s) => s.labels.code === '401');
  const recent = recentRatePerMin(unauthorized, RECENT_MS);
  const all = recentRatePerMin(req, RECENT_MS);
  const share = recent && all && all.perMin > 0 ? recent.perMin / all.perMin : null;
  const byService = [...group<string>(unauthorized, 'service').entries()]
    .map(([service, list]) => ({ service, perMin: recentRatePerMin(list, RECENT_MS)?.perMin ?? 0 }))
    .filter((s) => s.perMin > 0)
    .sort((a, b) => b.perMin - a.perMin);
  const failuresBy = group<string>(dedupeByLabels(failures), 'provider');
  const upBy = group<string>(dedupeByLabels(providerUp), 'provider');
  const names = [...new Set([...failuresBy.keys(), ...upBy.keys()])].sort();
  const providers = names.map((provider): ProviderState => {
    const up = upBy.get(provider)?.[0];
    const last = up?.points[up.points.length - 1];
    return {
      provider,
      up: last && last[1] !== null ? last[1] >= 1 : null,
      failuresPerMin: recentRatePerMin(failuresBy.get(provider) ?? [], RECENT_MS)?.perMin ?? null,
    };
  });
  const full = recentRatePerMin(
    req.filter((s) => s.labels.code === '507'),
    RECENT_MS,
  );
  const down = providers.some((p) => p.up === false);
  const tone: AuthTone =
    share === null && !down ? 'unknown' : down || (share ?? 0) >= 0.1 ? 'breach' : (share ?? 0) >= 0.02 ? 'warn' : 'ok';
  const newest = [recent?.at, all?.at, ...providerUp.map((s) => s.points[s.points.length - 1]?.[0])].filter(
    (t): t is number => t !== undefined,
  );
  return {
    unauthorizedPerMin: recent?.perMin ?? (req.length > 0 ? 0 : null),
    unauthorizedShare: share,
    trend: rateTrend(unauthorized, win.fromMs, win.toMs, 60),
    byService,
    providers,
    storageFullPerMin: full?.perMin ?? null,
    newestAt: newest.length > 0 ? Math.max(...newest) : null,
    tone,
  };
}
