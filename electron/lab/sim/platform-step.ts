/**
 * Storage (NFS artifacts, MinIO) and the request path (gateway + auth providers).
 * Gateway logging is aggregated per second and provider: a real gateway logs every request,
 * but at lab speeds that would flush the bounded log buffer within minutes.
 */
import type { AuthProvider } from './types.js';
import type { World } from './world.js';

const SERVICES: readonly [string, number][] = [
  ['echo-api', 45],
  ['minio', 12],
  ['jupyterhub', 4],
];
const PROVIDER_SHARE: readonly [AuthProvider, number][] = [
  ['keycloak', 0.7],
  ['ad', 0.2],
  ['local', 0.1],
];
const GATEWAY = { job: 'platform/api-gateway', namespace: 'platform', app: 'api-gateway', pod: 'api-gateway-0', node: 'gpu-node-02' };
const MINIO = { job: 'storage/minio', namespace: 'storage', app: 'minio', pod: 'minio-0', node: 'minio-0' };
const TTL_JOB = { job: 'platform/ttl-cleanup', namespace: 'platform', app: 'ttl-cleanup', pod: 'ttl-cleanup', node: 'gpu-node-02' };

function count(world: World, service: string, code: number, n: number): void {
  if (n <= 0) return;
  const key = `${service}|${code}`;
  world.auth.requests[key] = (world.auth.requests[key] ?? 0) + n;
}

function stepStorage(world: World): void {
  const c = world.conditions;
  const nfs = world.filesystems.filter((f) => f.fstype === 'nfs4');
  const first = nfs[0];
  if (first) {
    // One NFS export seen from every node: compute once, mirror to each mount.
    const wobble = Math.round(world.rng.gaussian() * 40e6);
    let free = first.freeBytes - c.nfsFillBytesPerSec + (c.ttlCleanupRunning ? wobble : -Math.abs(wobble));
    if (c.ttlCleanupRunning && c.nfsFillBytesPerSec === 0) free = Math.max(free, Math.round(first.sizeBytes * 0.3));
    free = Math.max(0, Math.min(first.sizeBytes, free));
    for (const f of nfs) {
      f.freeBytes = free;
      f.deviceError = c.nfsHung ? 'mountpoint timeout' : '';
    }
    if (c.nfsHung && world.nowMs % 30_000 === 0) {
      for (const f of nfs) {
        world.kernelLog(f.node, 'nfs: server nfs-server.storage.svc.cluster.local not responding, still trying');
      }
    }
  }
  const minio = world.filesystems.find((f) => f.mountpoint === '/data');
  if (minio) minio.freeBytes = Math.max(0, minio.freeBytes - c.minioFillBytesPerSec);
  if (world.nowMs % 300_000 === 0) {
    if (c.ttlCleanupRunning) world.log(TTL_JOB, 'info', 'ttl cleanup finished', { removed: world.rng.int(80, 400), bucket: 'artifacts' });
    else
      world.log(TTL_JOB, 'error', 'ttl cleanup failed', {
        error: 'Job has reached the specified backoff limit',
        reason: 'BackoffLimitExceeded',
      });
  }
}

function minioFull(world: World): boolean {
  const minio = world.filesystems.find((f) => f.mountpoint === '/data');
  return minio !== undefined && minio.freeBytes < minio.sizeBytes * 0.03;
}

function stepGateway(world: World): void {
  const c = world.conditions;
  const up = world.auth.providerUp;
  up.keycloak = c.keycloakUp;
  up.ad = c.adUp;
  const full = minioFull(world);
  for (const [service, rate] of SERVICES) {
    const total = world.rng.poisson(rate);
    let rest = total;
    const notFound = Math.min(rest, world.rng.poisson(total * 0.004));
    rest -= notFound;
    const errors = Math.min(rest, world.rng.poisson(total * 0.0005));
    rest -= errors;
    count(world, service, 404, notFound);
    count(world, service, 500, errors);
    if (service === 'minio' && full) {
      // MinIO answers 507 (XMinioStorageFull) to every write once the disk is full.
      const writes = Math.round(rest * 0.6);
      count(world, service, 507, writes);
      rest -= writes;
      if (writes > 0)
        world.log(MINIO, 'error', 'Storage resources are insufficient for the write operation', {
          api: 'PutObject',
          bucket: 'uploads',
          failed: writes,
        });
    }
    if (service === 'minio') {
      count(world, service, 200, rest);
      continue;
    }
    for (const [provider, share] of PROVIDER_SHARE) {
      const n = Math.round(rest * share);
      // Expired tokens give a trickle of 401s even on a healthy day.
      const rejected = up[provider] ? Math.min(n, world.rng.poisson(n * 0.003)) : n;
      count(world, service, 401, rejected);
      count(world, service, 200, n - rejected);
      world.auth.validationFailures[provider] += rejected;
      if (!up[provider] && rejected > 0) {
        world.log(GATEWAY, 'error', 'token validation failed', {
          provider,
          service,
          count: rejected,
          error:
            provider === 'keycloak'
              ? 'Get "https://keycloak.auth.svc:8443/realms/pitwall/protocol/openid-connect/certs": dial tcp 10.43.12.7:8443: i/o timeout'
              : 'LDAP Result Code 200 "Network Error": dial tcp 10.43.9.20:636: connect: connection refused',
        });
      }
    }
  }
}

export function stepPlatform(world: World): void {
  stepStorage(world);
  stepGateway(world);
}
