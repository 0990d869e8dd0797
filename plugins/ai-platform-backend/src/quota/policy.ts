import { Config } from '@backstage/config';

/** Quota policy from `aiPlatform.quota` config. */
export interface QuotaPolicy {
  /** GPUs a team may hold at once, across pools, before a platform admin must approve more. */
  autoApproveGpus: number;
  /** Per-team overrides of `autoApproveGpus`, by group entity ref. */
  teamAutoApproveGpus: Record<string, number>;
  /** The longest window one request may cover. */
  maxWindowDays: number;
}

export function readQuotaPolicy(config: Config): QuotaPolicy {
  const quota = config.getOptionalConfig('aiPlatform.quota');
  const teams = quota?.getOptionalConfigArray('teamLimits') ?? [];
  return {
    autoApproveGpus: quota?.getOptionalNumber('autoApproveGpus') ?? 8,
    teamAutoApproveGpus: Object.fromEntries(
      teams.map(team => [
        team.getString('team'),
        team.getNumber('autoApproveGpus'),
      ]),
    ),
    maxWindowDays: quota?.getOptionalNumber('maxWindowDays') ?? 90,
  };
}

export function autoApproveLimit(policy: QuotaPolicy, teamRef: string): number {
  return policy.teamAutoApproveGpus[teamRef] ?? policy.autoApproveGpus;
}
