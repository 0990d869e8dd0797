import { PortRef } from './types';

/**
 * The host a node's port belongs to: the first word of the name its source gives it. InfiniBand
 * names a host channel adapter `<host> <hca>` (`node-017 mlx5_0`), DCGM names GPUs `<host> GPU 3`,
 * and Kubernetes names the host itself. Falls back to the device id.
 */
export function hostOf(ref: PortRef): string {
  return ref.name.trim().split(/\s+/)[0] || ref.deviceId;
}

/**
 * A node's end under its host, so the adapters and GPUs of one machine are ports of one device:
 * `0x…` port 1 of `node-017 mlx5_0` becomes `node-017` port `mlx5_0/1`.
 */
export function nodeEnd(ref: PortRef): PortRef {
  const host = hostOf(ref);
  if (host === ref.deviceId) {
    return { deviceId: ref.deviceId, name: ref.name, port: ref.port };
  }
  const adapter = ref.name.trim().slice(host.length).trim() || ref.deviceId;
  return { deviceId: host, name: ref.name, port: `${adapter}/${ref.port}` };
}

/** One end as a key: device and port. */
export function endKey(ref: PortRef): string {
  return `${ref.deviceId}:${ref.port}`;
}

/**
 * A link's id: its two ends, sorted, joined by `~`. Both directions of a cable and every source
 * that sees it give the same id, run after run.
 */
export function linkId(a: PortRef, b: PortRef): string {
  const [x, y] = [endKey(a), endKey(b)].sort();
  return `${x}~${y}`;
}

/** A device name as declared and observed names are compared: its first word, lower case. */
export function nameKey(name: string): string {
  return (name.trim().split(/\s+/)[0] ?? '').toLocaleLowerCase('en-US');
}
