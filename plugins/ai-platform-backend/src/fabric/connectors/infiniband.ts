/**
 * A GUID in one spelling for every source, `0x` and 16 lower-case hex digits: the
 * infiniband-exporter writes `0x506b4b03005d3101` (as ibqueryerrors prints it), UFM
 * `506b4b03005d3101`, so the same cable seen by both gets the same ends. Undefined when the
 * value is not a GUID.
 */
export function normalizeGuid(value: string | undefined): string | undefined {
  const hex = value?.trim().toLowerCase().replace(/^0x/, '');
  if (!hex || !/^[0-9a-f]{1,16}$/.test(hex)) return undefined;
  return `0x${hex.padStart(16, '0')}`;
}

/**
 * Nominal per-lane data rates in Gb/s, by InfiniBand speed name (UFM's `active_speed`) and by
 * the signalling rate ibqueryerrors prints and the infiniband-exporter's `infiniband_speed`
 * carries (`4X 106.25 Gbps` is NDR). Nominal, so that NDR ×4 reads 400 like the spec sheets
 * and declared topologies it is compared with.
 */
const LANE_GBPS_BY_NAME: Record<string, number> = {
  SDR: 2.5,
  DDR: 5,
  QDR: 10,
  FDR10: 10,
  FDR: 14,
  EDR: 25,
  HDR: 50,
  NDR: 100,
  XDR: 200,
};
const LANE_GBPS_BY_SIGNALLING: Array<[number, number]> = [
  [2.5, 2.5],
  [5, 5],
  [10, 10],
  [10.3125, 10],
  [14.0625, 14],
  [25.78125, 25],
  [53.125, 50],
  [106.25, 100],
  [212.5, 200],
];

/** The nominal lane rate for a speed name (`NDR`) or a signalling rate (`106.25`). */
export function laneGbps(speed: string | number): number | undefined {
  if (typeof speed === 'string') {
    const named = LANE_GBPS_BY_NAME[speed.trim().toUpperCase()];
    if (named !== undefined) return named;
    return laneGbps(Number(speed));
  }
  if (!Number.isFinite(speed) || speed <= 0) return undefined;
  const known = LANE_GBPS_BY_SIGNALLING.find(
    ([signalling]) => Math.abs(signalling - speed) < 1e-6,
  );
  return known ? known[1] : speed;
}

/** Lanes from a width as UFM writes it (`4x`, `IB_4x`) or as a number. */
export function laneCount(width: string | number): number | undefined {
  const lanes =
    typeof width === 'number'
      ? width
      : Number(/(\d+)\s*x$/i.exec(width.trim())?.[1]);
  return Number.isInteger(lanes) && lanes > 0 ? lanes : undefined;
}
