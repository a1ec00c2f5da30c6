import type { Incident } from '../../../shared/domain/incident';
import type { SimilarIncident } from '../../../shared/domain/search';
import { METRICS } from '../../../shared/domain/telemetry';
import { IncidentTypes } from '../../store/metrics/incident-types';
import { ShapeRepo } from '../../store/search/shape-repo';
import type { CoreContext } from '../context';
import { impactWindow } from '../postmortems/impact';
import { combineScore, gpuSimilarity, overlap, queueSimilarity, resample, type Shape } from './shape';

type Deps = Pick<CoreContext, 'db' | 'now' | 'incidents' | 'telemetry'>;

/** Past incidents compared per request; the ones sharing a service come first. */
const CANDIDATES = 150;
/** Below this an incident is not shown as similar, whatever its rank. */
const MIN_SCORE = 0.45;
const POINTS = 240;

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * "Similar past incidents" for an incident: ended incidents scored on the services they share, the
 * playbooks they ran, and how alike the hottest GPU's memory and the pending queue depth moved over
 * each one's impact window (shape.ts). The shapes of ended incidents are cached: their window no
 * longer moves.
 */
export class SimilarityService {
  private readonly shapes: ShapeRepo;
  private readonly types: IncidentTypes;

  constructor(private readonly deps: Deps) {
    this.shapes = new ShapeRepo(deps.db);
    this.types = new IncidentTypes(deps.db);
  }

  similar(id: number, limit: number): SimilarIncident[] {
    const { incident } = this.deps.incidents.get(id);
    const mine = this.shapeOf(incident, false);
    const myTypes = this.types.of(incident.id).map((t) => t.id);
    const scored = this.shapes.candidates(incident, CANDIDATES).map((other) => this.score(incident, mine, myTypes, other));
    return scored
      .filter((s) => s.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || b.incident.declaredAt - a.incident.declaredAt)
      .slice(0, limit);
  }

  private score(me: Incident, mine: Shape, myTypes: string[], other: Incident): SimilarIncident {
    const services = overlap(me.services, other.services);
    const theirTypes = this.types.of(other.id).map((t) => t.id);
    const playbooks = myTypes.length && theirTypes.length ? overlap(myTypes, theirTypes) : { score: null, shared: [] };
    const theirs = this.shapeOf(other, true);
    const gpuShape = gpuSimilarity(mine.gpu, theirs.gpu);
    const queueShape = queueSimilarity(mine.queue, theirs.queue);
    const parts = { services: services.score, playbooks: playbooks.score, gpuShape, queueShape };
    const reasons = [
      services.shared.length ? `same services: ${services.shared.join(', ')}` : services.score === null ? null : 'no service in common',
      playbooks.shared.length ? `same playbooks: ${playbooks.shared.join(', ')}` : null,
      gpuShape === null ? 'GPU memory: too little stored to compare' : `GPU memory curve ${pct(gpuShape)} alike`,
      queueShape === null ? 'queue depth: too little stored to compare' : `queue depth curve ${pct(queueShape)} alike`,
    ].filter((r): r is string => r !== null);
    const { summary: _s, services: _v, tenants: _t, times: _x, roles: _r, ...summary } = other;
    return { incident: summary, score: combineScore(parts), reasons, parts };
  }

  private shapeOf(incident: Incident, cache: boolean): Shape {
    const w = impactWindow(incident, this.deps.now());
    if (cache) {
      const hit = this.shapes.cached(incident.id, w.fromMs, w.toMs);
      if (hit) return hit;
    }
    const to = Math.max(w.toMs, w.fromMs + 60_000);
    const read = (metric: string, match: Record<string, string>) => this.deps.telemetry.copyWindow([metric], w.fromMs, to, match, POINTS);
    const shape: Shape = {
      gpu: resample(read(METRICS.gpuMemoryShare, {}), w.fromMs, to, 'max'),
      queue: resample(read(METRICS.queueDepth, { state: 'pending' }), w.fromMs, to, 'sum'),
    };
    if (cache) this.shapes.store(incident.id, w.fromMs, w.toMs, shape, this.deps.now());
    return shape;
  }
}
