import type { SourceView } from '../../shared/domain/source-config';
import { useDataAge } from '../hooks/useDataAge';
import { useSources, useSourcesError, useSourcesLoaded } from '../state/sources';
import { healthText } from './settings/health-text';
import '../styles/logs.css';
import { Name } from './text/UntrustedText';

const SETTINGS_HREF = '#/settings';

/** A source's chip. It ticks on its own (useDataAge, as <DataAge> does): it greys as a whole when stale. */
function HealthChip({ source }: { source: SourceView }) {
  const { health } = source;
  const disabled = health.state === 'disabled' || !source.enabled;
  const { now, stale, text } = useDataAge(health.lastSuccessAt, source.intervalMs, !disabled);
  const failing = health.state === 'down' || health.state === 'degraded';
  const error = health.lastError;
  return (
    <a
      href={SETTINGS_HREF}
      className={`health-chip${stale || disabled ? ' stale' : ''}`}
      data-testid="health-chip"
      data-source-id={source.id}
      data-state={health.state}
      data-stale={stale ? 'true' : 'false'}
      title={`${source.name} (${source.kind}): ${healthText(health, now)}. Open source settings.`}
    >
      <span className="health-dot" aria-hidden="true" />
      <span className="health-name">
        <Name text={source.name} />
      </span>
      <span className="health-state">{health.state === 'unknown' ? 'not polled yet' : health.state}</span>
      {!disabled && (
        <span className="health-age" data-testid="health-age">
          · {text}
        </span>
      )}
      {failing && error && (
        <span className="health-err" data-testid="health-error">
          · <Name text={error.message} />
        </span>
      )}
    </a>
  );
}

/**
 * Every source's state at a glance, under the top bar: how old its data is (ticking every
 * second without asking main), stale data greyed, the last error in words. A chip opens settings.
 */
export function HealthBar() {
  const sources = useSources();
  const loaded = useSourcesLoaded();
  const error = useSourcesError();
  return (
    <nav className="health-bar" aria-label="Data source health" data-testid="health-bar">
      <span className="health-bar-label">Sources</span>
      {error && (
        <span className="inline-error" role="alert" data-testid="health-bar-error">
          {error}
        </span>
      )}
      {loaded && !error && sources.length === 0 && (
        <span className="health-empty">
          No data sources. <a href={SETTINGS_HREF}>Add one in settings</a>
        </span>
      )}
      {sources.map((s) => (
        <HealthChip key={s.id} source={s} />
      ))}
    </nav>
  );
}
