import { useDataAge } from '../hooks/useDataAge';
import '../styles/logs.css';

interface Props {
  /** When the data was read; null when it never was. */
  at: number | null;
  /** The poll interval of the source behind it; staleness is three of them (logic/data-age.ts). */
  intervalMs?: number | null;
  /** False for a window that ends in the past: its newest data is old by design, not stale. */
  live?: boolean;
  testId?: string;
  title?: string;
}

/**
 * How old a piece of live data is, ticking every second on its own so the panel around it does not
 * re-render; warns once it is stale. One wording for every panel: "42s old", "stale · 4m 05s old".
 */
export function DataAge({ at, intervalMs, live = true, testId, title }: Props) {
  const { stale, text } = useDataAge(at, intervalMs, live);
  return (
    <span className={`data-age${stale ? ' stale' : ''}`} data-testid={testId} data-stale={stale ? 'true' : 'false'} title={title}>
      {text}
    </span>
  );
}
