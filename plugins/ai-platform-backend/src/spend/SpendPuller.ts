import { LoggerService } from '@backstage/backend-plugin-api';
import { DAY, PullConnector } from './connectors/types';
import { EnergyModel } from './EnergyModel';
import { SpendStore } from './SpendStore';

const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/** Wait before the next try after `failures` failed pulls in a row: 1, 2, 4 … 60 minutes. */
export function backoffMs(failures: number): number {
  return Math.min(
    BACKOFF_MAX_MS,
    BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1),
  );
}

/** The error and, for network failures (`fetch failed`), what failed underneath. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { message?: string; code?: string } })
    .cause;
  const detail = cause?.message ?? cause?.code;
  return detail && !error.message.includes(detail)
    ? `${error.message}: ${detail}`
    : error.message;
}

export interface PullOutcome {
  id: string;
  status: 'pulled' | 'failed' | 'waiting';
  rows: number;
  error?: string;
}

/**
 * Runs each source from its watermark up to now. Every batch lands in one transaction with its
 * watermark, so a pull killed half-way resumes where the last batch ended and a window is never
 * counted twice. A failing source backs off and keeps its data; the UI marks it stale.
 */
export class SpendPuller {
  constructor(
    private readonly options: {
      store: SpendStore;
      connectors: PullConnector[];
      energy: EnergyModel;
      logger: LoggerService;
    },
  ) {}

  async pullAll(now = Date.now()): Promise<PullOutcome[]> {
    const outcomes: PullOutcome[] = [];
    for (const connector of this.options.connectors) {
      outcomes.push(await this.pullOne(connector, now));
    }
    return outcomes;
  }

  async pullOne(
    connector: PullConnector,
    now = Date.now(),
  ): Promise<PullOutcome> {
    const { store, logger } = this.options;
    const { id, kind, backfillDays } = connector.source;
    const state = await store.getSource(id);
    if (state?.nextAttemptAt && state.nextAttemptAt > now) {
      return { id, status: 'waiting', rows: 0 };
    }
    const from = state?.watermark ?? now - backfillDays * DAY;
    let rows = 0;
    let batches = 0;
    try {
      for await (const batch of connector.pull(from, now)) {
        batches++;
        await store.ingest(await this.options.energy.complete(batch.rows), {
          scope: batch.scope,
          watermark: {
            sourceId: id,
            kind,
            watermark: batch.watermark,
          },
        });
        rows += batch.rows.length;
      }
      if (batches === 0) {
        // Nothing new yet (the current step has not ended): still a good pull.
        await store.ingest([], {
          watermark: {
            sourceId: id,
            kind,
            watermark: from,
          },
        });
      }
      return { id, status: 'pulled', rows };
    } catch (error) {
      const failures = (state?.failures ?? 0) + 1;
      const message = describeError(error);
      await store.recordAttempt({
        id,
        kind,
        lastAttemptAt: now,
        failures,
        nextAttemptAt: now + backoffMs(failures),
        lastError: message.slice(0, 500),
      });
      logger.warn(
        `Spend source ${id} failed (${failures} in a row), next try in ${
          backoffMs(failures) / 60_000
        } min: ${message}`,
      );
      return { id, status: 'failed', rows, error: message };
    }
  }
}
