import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_FABRIC_THRESHOLDS,
  FABRIC_COUNTERS,
  FabricThresholds,
} from '@ai-platform/plugin-ai-platform-common';

export interface FabricConfig {
  thresholds: FabricThresholds;
  /** A source whose last good read is older than this shows as stale. */
  staleAfterMs: number;
  /** History points older than this are pruned. */
  retentionMs: number;
  /** Every link gets a history point this often; a change of state gets one at once. */
  historyStepMs: number;
  demoData: boolean;
}

const MINUTE = 60_000;

/** Reads `aiPlatform.fabric`; every key has a default, so the domain runs without config. */
export function readFabricConfig(root: Config): FabricConfig {
  const config = root.getOptionalConfig('aiPlatform.fabric');
  const thresholds: FabricThresholds = { ...DEFAULT_FABRIC_THRESHOLDS };
  const configured = config?.getOptionalConfig('thresholds');
  for (const key of configured?.keys() ?? []) {
    if (
      key === 'linkDowned' ||
      !(FABRIC_COUNTERS as readonly string[]).includes(key)
    ) {
      throw new InputError(
        `aiPlatform.fabric.thresholds.${key} is not a counter with a threshold; use one of ${FABRIC_COUNTERS.filter(
          c => c !== 'linkDowned',
        ).join(', ')}`,
      );
    }
    thresholds[key as keyof FabricThresholds] = configured!.getNumber(key);
  }
  return {
    thresholds,
    staleAfterMs:
      (config?.getOptionalNumber('staleAfterMinutes') ?? 10) * MINUTE,
    retentionMs:
      (config?.getOptionalNumber('retentionDays') ?? 7) * 24 * 60 * MINUTE,
    historyStepMs:
      (config?.getOptionalNumber('historyStepMinutes') ?? 15) * MINUTE,
    demoData: config?.getOptionalBoolean('demoData') ?? false,
  };
}
