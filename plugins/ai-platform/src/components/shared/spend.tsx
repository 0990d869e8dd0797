import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  SpendGranularity,
  SpendSourceStatus,
  UNALLOCATED_TEAM,
} from '@ai-platform/plugin-ai-platform-common';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';

export const money = (currency: string, digits = 0) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: digits,
  });

/** $14K, $1.2M: for chart axes. */
export const compactMoney = (currency: string) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });

export const hours = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 0,
});
export const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 0,
});

/** A team's name for charts and text; the unallocated bucket by that name. */
export function teamLabel(team: string): string {
  return team === UNALLOCATED_TEAM
    ? 'Unallocated'
    : humanizeEntityRef(parseEntityRef(team), { defaultKind: 'group' });
}

export function TeamLink(props: { team: string }) {
  return props.team === UNALLOCATED_TEAM ? (
    <>Unallocated</>
  ) : (
    <EntityRefLink entityRef={props.team} defaultKind="group" />
  );
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The periods the page offers, as UTC day ranges ending today. */
export const SPEND_PERIODS = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  mtd: 'Month to date',
  '12m': 'Last 12 months',
} as const;
export type SpendPeriod = keyof typeof SPEND_PERIODS;

export function rangeOf(
  period: SpendPeriod,
  now = new Date(),
): { from: string; to: string; granularity: SpendGranularity } {
  const to = dayOf(now);
  const back = (days: number) =>
    dayOf(new Date(now.getTime() - days * 86_400_000));
  switch (period) {
    case '7d':
      return { from: back(6), to, granularity: 'day' };
    case '30d':
      return { from: back(29), to, granularity: 'day' };
    case '90d':
      return { from: back(89), to, granularity: 'day' };
    case 'mtd':
      return { from: `${to.slice(0, 7)}-01`, to, granularity: 'day' };
    default:
      // The eleven whole months before this one, and this one so far.
      return {
        from: dayOf(
          new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1)),
        ),
        to,
        granularity: 'month',
      };
  }
}

const KIND_TITLE: Record<SpendSourceStatus['kind'], string> = {
  opencost: 'OpenCost',
  prometheus: 'Prometheus (GPU utilization)',
  quota: 'Quota ledger',
  focus: 'FOCUS billing import',
};

/** One warning per stale source: its spend after the watermark is missing, not zero. */
export function StaleSourceBanners(props: { sources: SpendSourceStatus[] }) {
  const stale = props.sources.filter(s => s.stale);
  if (!stale.length) return null;
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      {stale.map(s => (
        <Alert severity="warning" key={s.id} data-testid="stale-source">
          <strong>
            {KIND_TITLE[s.kind]} source “{s.id}” is stale.
          </strong>{' '}
          {s.lastSuccessAt
            ? `Last good pull ${new Date(s.lastSuccessAt).toLocaleString()}.`
            : 'No pull has succeeded yet.'}{' '}
          {s.watermark
            ? `Spend after ${new Date(
                s.watermark,
              ).toLocaleString()} is missing from it, not zero.`
            : 'Its spend is missing, not zero.'}
          {s.lastError ? ` Last error: ${s.lastError}` : ''}
          {s.nextAttemptAt
            ? ` Next try ${new Date(s.nextAttemptAt).toLocaleTimeString()}.`
            : ''}
        </Alert>
      ))}
    </Stack>
  );
}
