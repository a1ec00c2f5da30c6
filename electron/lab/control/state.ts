/**
 * Ground truth: what the lab's exporters serve at this simulated instant, in plain JSON, so tests
 * can compare it with what Prometheus stored and what the AsynqMon / Loki APIs return.
 */
import { SCENARIOS } from '../scenarios/catalog.js';
import type { Engine } from '../scenarios/engine.js';
import { queueCounts } from '../sim/queue-step.js';

export function groundTruth(engine: Engine) {
  const w = engine.world;
  return {
    nowMs: w.nowMs,
    time: new Date(w.nowMs).toISOString(),
    seed: engine.seed,
    speed: engine.speed,
    scenario: {
      name: engine.scenario,
      playbook: SCENARIOS[engine.scenario].playbook,
      startedMs: engine.scenarioStartedMs,
      summary: SCENARIOS[engine.scenario].summary,
    },
    schedule: engine.schedule.map((s) => ({ name: s.name, atMs: s.atMs })),
    gpus: w.gpus.map((g) => ({
      node: g.node,
      gpu: g.index,
      uuid: g.uuid,
      modelName: g.modelName,
      present: g.present,
      fbUsedMiB: g.usedMiB,
      fbFreeMiB: g.totalMiB - g.reservedMiB - g.usedMiB,
      fbReservedMiB: g.reservedMiB,
      util: g.util,
      xid: g.xid,
      tempC: g.tempC,
      powerW: g.powerW,
    })),
    queues: w.queues.map((q) => {
      const c = queueCounts(q, w.nowMs);
      return {
        queue: q.name,
        pending: c.pending,
        active: c.active,
        scheduled: c.scheduled,
        retry: c.retry,
        archived: c.archived,
        completed: c.completed,
        size: c.size,
        latencySeconds: c.latencyMs / 1000,
        processedTotal: q.processedTotal,
        failedTotal: q.failedTotal,
        paused: q.paused,
      };
    }),
    pods: w.pods.map((p) => ({
      namespace: p.namespace,
      pod: p.name,
      container: p.container,
      node: p.node,
      gpu: p.gpu,
      phase: p.phase,
      ready: p.running,
      restarts: p.restarts,
      lastTerminatedReason: p.lastTerminatedReason,
      waitingReason: p.waitingReason,
    })),
    filesystems: w.filesystems.map((f) => ({
      node: f.node,
      mountpoint: f.mountpoint,
      device: f.device,
      fstype: f.fstype,
      deviceError: f.deviceError,
      // null where node_exporter emits no series (hung mount).
      sizeBytes: f.deviceError ? null : f.sizeBytes,
      freeBytes: f.deviceError ? null : f.freeBytes,
      availBytes: f.deviceError ? null : Math.max(0, f.freeBytes - f.rootReservedBytes),
    })),
    nodes: w.nodes.map((n) => ({ node: n.name, gpuCapacity: n.gpuCapacity, gpuAllocatable: n.gpuAllocatable })),
    auth: {
      providerUp: { ...w.auth.providerUp },
      validationFailures: { ...w.auth.validationFailures },
      requests: Object.fromEntries(Object.entries(w.auth.requests).sort()),
    },
    logs: { size: w.logs.size, capacity: w.logs.capacity, totalWritten: w.logs.totalWritten },
  };
}

export type GroundTruth = ReturnType<typeof groundTruth>;
