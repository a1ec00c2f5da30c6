import { EVIDENCE_TITLES, describeEvidence, type EvidenceQuery, type EvidenceReading } from '../../../shared/playbooks/evidence';
import { trendDirection } from '../../../shared/playbooks/evidence-format';
import { formatDataAge } from '../../logic/data-age';
import { sparkPath, valueDomain } from '../../logic/spark-path';
import { useNow } from '../../hooks/useNow';
import { evidenceKey, useReading } from '../../state/checklists';

const W = 64;
const H = 16;
const ARROW = { up: '↑', down: '↓', flat: '→' } as const;

function Spark({ points }: { points: readonly [number, number][] }) {
  const first = points[0];
  const last = points[points.length - 1];
  const domain = first && last ? valueDomain(points, first[0], last[0]) : null;
  if (!first || !last || !domain || points.length < 2) return null;
  const [lo, hi] = domain;
  // A flat zero line says "nothing happened" as clearly as a number; give it room to sit at the bottom.
  const yDomain: [number, number] = hi > lo ? [lo, hi] : [Math.min(0, lo), Math.max(1, hi)];
  return (
    <svg className="ev-spark" width={W} height={H} viewBox={`-1 -1 ${W + 2} ${H + 2}`} aria-hidden="true">
      <path d={sparkPath(points, first[0], last[0], W, H, { yDomain })} />
    </svg>
  );
}

/** One reading as the checklist shows it: what, the value, which way it moves, how old; or "no data" with why. */
export function EvidenceView({ reading, frozen = false }: { reading: EvidenceReading; frozen?: boolean }) {
  const now = useNow(1000);
  const dir = trendDirection(reading);
  const age = reading.dataAt === null ? null : formatDataAge(reading.dataAt, frozen ? reading.at : now);
  return (
    <span
      className={`ev-chip ev-${reading.state}${frozen ? ' ev-frozen' : ''}`}
      data-testid={frozen ? 'evidence-frozen' : 'evidence-chip'}
      data-state={reading.state}
      data-kind={reading.query.kind}
      title={`${describeEvidence(reading.query)}${reading.others.length ? `\nAlso: ${reading.others.join(', ')}` : ''}${reading.reason ? `\n${reading.reason}` : ''}`}
    >
      <span className="ev-title">{EVIDENCE_TITLES[reading.query.kind]}</span>
      {/* Text only: subjects are label values an upstream chose. */}
      <span className="ev-text">{reading.text}</span>
      {dir && reading.state !== 'no-data' && (
        <span className={`ev-trend ev-trend-${dir}`} aria-label={`trend ${dir}`}>
          {ARROW[dir]}
        </span>
      )}
      {reading.state !== 'no-data' && <Spark points={reading.points} />}
      {age && <span className="ev-age">{reading.state === 'stale' ? `stale · ${age}` : age}</span>}
    </span>
  );
}

/** The live reading of one query, kept fresh by the checklist tab. */
export function LiveEvidence({ query }: { query: EvidenceQuery }) {
  const reading = useReading(evidenceKey(query));
  if (!reading) {
    return (
      <span className="ev-chip ev-loading" data-testid="evidence-chip" data-state="loading" data-kind={query.kind}>
        <span className="ev-title">{EVIDENCE_TITLES[query.kind]}</span>
        <span className="ev-text muted">reading…</span>
      </span>
    );
  }
  return <EvidenceView reading={reading} />;
}
