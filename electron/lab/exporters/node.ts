/**
 * node_exporter filesystem collector (v1.8+: device_error label). A mount whose statfs times out
 * emits only device_error=1 (and readonly): its size/free/avail series vanish rather than read 0.
 * The lab serves every node from one endpoint, so a `node` label tells them apart (what a
 * kubernetes_sd relabel would add).
 */
import type { World } from '../sim/world.js';
import { family, type Family } from './text-format.js';

export function nodeFamilies(world: World): Family[] {
  const size = family('node_filesystem_size_bytes', 'gauge', 'Filesystem size in bytes.');
  const free = family('node_filesystem_free_bytes', 'gauge', 'Filesystem free space in bytes.');
  const avail = family('node_filesystem_avail_bytes', 'gauge', 'Filesystem space available to non-root users in bytes.');
  const readonly = family('node_filesystem_readonly', 'gauge', 'Filesystem read-only status.');
  const deviceError = family(
    'node_filesystem_device_error',
    'gauge',
    'Whether an error occurred while getting statistics for the given device.',
  );
  for (const f of world.filesystems) {
    const labels = { device: f.device, device_error: f.deviceError, fstype: f.fstype, mountpoint: f.mountpoint, node: f.node };
    deviceError.samples.push({ labels, value: f.deviceError ? 1 : 0 });
    readonly.samples.push({ labels, value: f.deviceError ? 1 : 0 });
    if (f.deviceError) continue;
    size.samples.push({ labels, value: f.sizeBytes });
    free.samples.push({ labels, value: f.freeBytes });
    avail.samples.push({ labels, value: Math.max(0, f.freeBytes - f.rootReservedBytes) });
  }
  return [size, free, avail, readonly, deviceError];
}
