/**
 * The GPU model names of different sources for one product: the catalog's pools say
 * `H100-SXM5-80GB`, DCGM's `modelName` label `NVIDIA H100 80GB HBM3`, nvidia-smi
 * `NVIDIA H100 80GB HBM3` or `NVIDIA A100-SXM4-80GB`. They agree on the family (H100, A100,
 * L40S, GB200, …) and, where both say it, the memory.
 */
export function gpuModelParts(name: string): {
  family?: string;
  memoryGb?: number;
} {
  const upper = name.toUpperCase().replace(/[_-]/g, ' ');
  const family = /\b(G[BH]\d{3}|[ABHLTV]\d{1,3}S?)\b/.exec(upper)?.[1];
  const memory = /\b(\d{2,4})\s*GB\b/.exec(upper)?.[1];
  return {
    family,
    memoryGb: memory === undefined ? undefined : Number(memory),
  };
}

/** Whether two names are one GPU product: the same family, and the same memory where both say it. */
export function sameGpuModel(a: string, b: string): boolean {
  if (a === b) return true;
  const x = gpuModelParts(a);
  const y = gpuModelParts(b);
  return (
    x.family !== undefined &&
    x.family === y.family &&
    (x.memoryGb === undefined ||
      y.memoryGb === undefined ||
      x.memoryGb === y.memoryGb)
  );
}
