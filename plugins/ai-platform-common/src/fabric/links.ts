import { PortRef } from './types';

/**
 * The host a node's port belongs to: the first word of the name its source gives it. InfiniBand
 * names a host channel adapter `<host> <hca>` (`node-017 mlx5_0`), DCGM names GPUs `<host> GPU 3`,
 * and Kubernetes names the host itself. Falls back to the device id.
 */
export function hostOf(ref: PortRef): string {
  return firstWord(ref.name) || ref.deviceId;
}

function firstWord(text: string): string {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  return space < 0 ? trimmed : trimmed.slice(0, space);
}

/**
 * What names a node's port under its host, so the adapters and GPUs of one machine are ports of
 * one device (`0x…` port 1 of `node-017 mlx5_0` is `node-017` port `mlx5_0/1`): the adapter,
 * the rest of the name or else the device id; none when the source already names the host, as
 * DCGM does.
 */
export function adapterOf(ref: PortRef, host: string): string | undefined {
  if (host === ref.deviceId) return undefined;
  return ref.name.trim().slice(host.length).trim() || ref.deviceId;
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
  return joinEnds(endKey(a), endKey(b));
}

/** {@link linkId} from the ends' keys. */
export function joinEnds(a: string, b: string): string {
  return a <= b ? `${a}~${b}` : `${b}~${a}`;
}

/** A device name as declared and observed names are compared: its first word, lower case. */
export function nameKey(name: string): string {
  return firstWord(name).toLocaleLowerCase('en-US');
}
