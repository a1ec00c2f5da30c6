/**
 * NVIDIA dcgm-exporter 3.x series: default counters, label order gpu, UUID, device, modelName,
 * Hostname, DCGM_FI_DRIVER_VERSION, then Kubernetes pod attributes. As the real exporter does,
 * a GPU shared by several pods is emitted once per pod (same value), and a GPU that has
 * fallen off the bus is not emitted at all.
 */
import { DRIVER_VERSION } from '../sim/topology.js';
import type { GpuState } from '../sim/types.js';
import type { World } from '../sim/world.js';
import { family, type Family, type LabelSet } from './text-format.js';

function gpuLabelSets(world: World, gpu: GpuState): LabelSet[] {
  const base: LabelSet = {
    gpu: String(gpu.index),
    UUID: gpu.uuid,
    pci_bus_id: gpu.pciBusId,
    device: `nvidia${gpu.index}`,
    modelName: gpu.modelName,
    Hostname: gpu.node,
    DCGM_FI_DRIVER_VERSION: DRIVER_VERSION,
  };
  const pods = world.pods.filter((p) => p.node === gpu.node && p.gpu === gpu.index && p.phase === 'Running');
  if (pods.length === 0) return [base];
  return pods.map((p) => ({ ...base, container: p.container, namespace: p.namespace, pod: p.name }));
}

export function dcgmFamilies(world: World): Family[] {
  const used = family('DCGM_FI_DEV_FB_USED', 'gauge', 'Framebuffer memory used (in MiB).');
  const free = family('DCGM_FI_DEV_FB_FREE', 'gauge', 'Framebuffer memory free (in MiB).');
  const reserved = family('DCGM_FI_DEV_FB_RESERVED', 'gauge', 'Framebuffer memory reserved (in MiB).');
  const util = family('DCGM_FI_DEV_GPU_UTIL', 'gauge', 'GPU utilization (in %).');
  const xid = family('DCGM_FI_DEV_XID_ERRORS', 'gauge', 'Value of the last XID error encountered.');
  const temp = family('DCGM_FI_DEV_GPU_TEMP', 'gauge', 'GPU temperature (in C).');
  const power = family('DCGM_FI_DEV_POWER_USAGE', 'gauge', 'Power draw (in W).');
  for (const gpu of world.gpus) {
    if (!gpu.present) continue;
    const freeMiB = gpu.totalMiB - gpu.reservedMiB - gpu.usedMiB;
    for (const labels of gpuLabelSets(world, gpu)) {
      used.samples.push({ labels, value: gpu.usedMiB });
      free.samples.push({ labels, value: freeMiB });
      reserved.samples.push({ labels, value: gpu.reservedMiB });
      util.samples.push({ labels, value: gpu.util });
      xid.samples.push({ labels, value: gpu.xid });
      temp.samples.push({ labels, value: gpu.tempC });
      power.samples.push({ labels, value: gpu.powerW });
    }
  }
  return [used, free, reserved, util, xid, temp, power];
}
