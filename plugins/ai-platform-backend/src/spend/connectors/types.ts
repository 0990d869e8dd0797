import { SpendSourceKind } from '@ai-platform/plugin-ai-platform-common';
import { ReplaceScope, UsageRow } from '../SpendStore';

/**
 * What one pull step hands to the store: the rows of a window, which replace what the source
 * said about that window before, and the watermark to record once they have landed.
 */
export interface PullBatch {
  rows: UsageRow[];
  scope: ReplaceScope;
  watermark: number;
}

/** A source pulled on the scheduler, from its watermark up to now. */
export interface PullConnector {
  /** The source's configuration: its id keys the watermark. */
  source: { id: string; kind: SpendSourceKind; backfillDays: number };
  /** Batches in time order; the puller stores each before asking for the next. */
  pull(from: number, now: number): AsyncIterable<PullBatch>;
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const startOfDay = (ms: number) => Math.floor(ms / DAY) * DAY;

/** Throws with the status and a short excerpt of the body when a response is not OK. */
export async function checkResponse(
  response: Response,
  what: string,
): Promise<void> {
  if (!response.ok) {
    const body = (await response.text()).slice(0, 200);
    throw new Error(
      `${what} answered ${response.status} ${response.statusText}: ${body}`,
    );
  }
}
