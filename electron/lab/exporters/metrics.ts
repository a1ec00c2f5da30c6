/** /metrics: every simulated exporter in one exposition, rendered from state (no randomness). */
import type { World } from '../sim/world.js';
import { asynqFamilies } from './asynq.js';
import { dcgmFamilies } from './dcgm.js';
import { gatewayFamilies } from './gateway.js';
import { kubeFamilies } from './kube.js';
import { nodeFamilies } from './node.js';
import { renderFamilies } from './text-format.js';

export function renderMetrics(world: World): string {
  return renderFamilies([
    ...dcgmFamilies(world),
    ...asynqFamilies(world),
    ...kubeFamilies(world),
    ...nodeFamilies(world),
    ...gatewayFamilies(world),
  ]);
}

/** DCGM series only: what Pitwall's exporter-scrape source reads when Prometheus is down. */
export function renderDcgmMetrics(world: World): string {
  return renderFamilies(dcgmFamilies(world));
}
