import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AiResourceType,
  Pipeline,
  PipelineInput,
  PipelineResult,
  PipelineRun,
  PipelineRuns,
  PipelineRunsQuery,
  QualityRule,
} from '@ai-platform/plugin-ai-platform-common';
import {
  CatalogResource,
  requireCatalogResourceEntities,
  requireCatalogResources,
  requireFreeResourceName,
} from '../shared/catalogChecks';
import { CreateOptions } from '../shared/RequestContext';
import { beginTeamCreate, retriedOrConflict } from '../shared/teamCreate';
import {
  AirflowClient,
  AirflowDagRun,
  AirflowDagRunPage,
  AirflowError,
} from './AirflowClient';
import { PipelineStore } from './PipelineStore';

/** The columns a dataset declares in `spec.schema.columns`, or undefined when it declares none. */
function declaredColumns({ entity }: CatalogResource): string[] | undefined {
  const schema = entity.spec?.schema as
    | { columns?: Array<{ name?: unknown }> }
    | undefined;
  if (!Array.isArray(schema?.columns)) return undefined;
  return schema!.columns.flatMap(c =>
    typeof c?.name === 'string' ? [c.name] : [],
  );
}

/**
 * What keeps each data-quality rule from running, as `field: message`: a rule checks the input
 * dataset it names, or every input dataset; a column must be one each of them declares (datasets
 * without a declared schema are taken on trust); feature views are not checked by the gate.
 */
function qualityRuleProblems(
  rules: QualityRule[],
  inputs: CatalogResource[],
): string[] {
  const datasets = inputs.filter(
    ({ entity }) => entity.spec?.type === AiResourceType.dataset,
  );
  return rules.flatMap((rule, i) => {
    const field = `qualityChecks.${i}`;
    const targets = rule.datasetRef
      ? datasets.filter(d => d.ref === rule.datasetRef)
      : datasets;
    if (!targets.length) {
      // The schema has checked that a rule's datasetRef is an input.
      return [
        rule.datasetRef
          ? `${field}.datasetRef: ${rule.datasetRef} is a feature view; data-quality rules check datasets`
          : `${field}: the pipeline reads no dataset for this rule to check (its inputs are feature views)`,
      ];
    }
    if (!('column' in rule)) return [];
    return targets.flatMap(target => {
      const columns = declaredColumns(target);
      if (!columns || columns.includes(rule.column)) return [];
      return [
        `${field}.column: ${target.ref} has no column ${
          rule.column
        } (it declares ${columns.join(', ')})`,
      ];
    });
  });
}

/** A run as the portal shows it; a run still going lasts until `now`. */
function toPipelineRun(run: AirflowDagRun, now: Date): PipelineRun {
  const iso = (date?: string | null) =>
    date ? new Date(date).toISOString() : undefined;
  const logicalDate = iso(run.logical_date ?? run.execution_date);
  const startDate = iso(run.start_date);
  const endDate = iso(run.end_date);
  const until =
    endDate ?? (run.state === 'running' ? now.toISOString() : undefined);
  return {
    runId: run.dag_run_id,
    state: run.state,
    ...(run.run_type ? { runType: run.run_type } : {}),
    ...(logicalDate ? { logicalDate } : {}),
    ...(startDate ? { startDate } : {}),
    ...(endDate ? { endDate } : {}),
    ...(startDate && until
      ? {
          durationSeconds: Math.max(
            0,
            Math.round((Date.parse(until) - Date.parse(startDate)) / 1000),
          ),
        }
      : {}),
  };
}

/**
 * Data and ML pipelines. A team defines one for itself: it reads the catalog's datasets and
 * feature views, writes datasets, feature views or models, and gates its data on quality rules
 * over the columns its datasets declare. Names are unique, as each becomes the Component
 * `component:default/<name>` and the DAG id. Runs are read from Airflow; every replica answers
 * with the page last read (stale) while Airflow fails.
 */
export class PipelineService {
  constructor(
    private readonly options: {
      store: PipelineStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Without it runs are `not-configured`. */
      airflow?: AirflowClient;
      now?: () => Date;
    },
  ) {}

  list(): Promise<Pipeline[]> {
    return this.options.store.list();
  }

  async create(
    input: PipelineInput,
    options: CreateOptions,
  ): Promise<PipelineResult> {
    const { store, catalog } = this.options;
    const existing = await beginTeamCreate(input.teamRef, options, key =>
      store.findByIdempotencyKey(key),
    );
    if (existing) {
      return { pipeline: existing };
    }
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { inputs, outputs } = await this.catalogResources(input, credentials);
    const problems = qualityRuleProblems(input.qualityChecks, inputs);
    if (problems.length) {
      throw new InputError(problems.join('; '));
    }
    // Another request stored the name or the key first: a retry of that request gets its pipeline.
    const takenOrRetried = async () => ({
      pipeline: await retriedOrConflict(
        options,
        key => store.findByIdempotencyKey(key),
        () => this.nameTaken(input.name),
      ),
    });
    if (await store.findByName(input.name)) {
      return takenOrRetried();
    }
    // The pipeline becomes this entity: another of that name would conflict with it.
    await requireFreeResourceName(
      catalog,
      credentials,
      input.name,
      'component',
    );
    if (options.dryRun) {
      return {};
    }
    const pipeline = await store.insert({
      ...input,
      inputs: inputs.map(({ ref }) => ref),
      outputs,
      createdBy: options.actor.userRef,
      idempotencyKey: options.idempotencyKey,
    });
    if (pipeline) {
      return { pipeline };
    }
    return takenOrRetried();
  }

  /**
   * A page of the DAG's runs, newest first, from Airflow; while Airflow fails, the page last read
   * (by any replica) as `stale`, or `unreachable` when none was. Never an error for Airflow's.
   */
  async runs(dagId: string, page: PipelineRunsQuery): Promise<PipelineRuns> {
    const { airflow, store, logger } = this.options;
    const { limit, offset } = page;
    const none = { dagId, limit, offset, runs: [], totalEntries: 0 };
    if (!airflow) {
      return {
        ...none,
        status: 'not-configured',
        error:
          'No Airflow is configured (aiPlatform.airflow.baseUrl), so the portal cannot show runs',
      };
    }
    const url = airflow.dagUrl(dagId);
    let found: AirflowDagRunPage | undefined;
    try {
      found = await airflow.listDagRuns(dagId, page);
    } catch (error) {
      if (!(error instanceof AirflowError)) throw error;
      logger.warn(`Could not read the runs of DAG ${dagId}: ${error.message}`);
      const last = await store.findRunSnapshot(dagId, limit, offset);
      return last
        ? {
            ...none,
            status: 'stale',
            runs: last.runs,
            totalEntries: last.totalEntries,
            fetchedAt: last.fetchedAt,
            error: error.message,
            url,
          }
        : { ...none, status: 'unreachable', error: error.message, url };
    }
    if (!found) {
      // Runs of a DAG Airflow no longer has must not come back as stale ones.
      await store.deleteRunSnapshots(dagId);
      return {
        ...none,
        status: 'not-found',
        error: `Airflow has no DAG ${dagId}`,
      };
    }

    const now = this.options.now?.() ?? new Date();
    const snapshot = {
      dagId,
      limit,
      offset,
      runs: found.dagRuns.map(run => toPipelineRun(run, now)),
      totalEntries: found.totalEntries,
      fetchedAt: now.toISOString(),
    };
    try {
      await store.saveRunSnapshot(snapshot);
    } catch (error) {
      // The runs are current; only the copy for when Airflow fails is missing.
      logger.warn(`Could not keep the runs of DAG ${dagId}: ${error}`);
    }
    return { ...snapshot, status: 'ok', url };
  }

  /** The inputs and outputs as the catalog has them, or one InputError naming every bad one. */
  private async catalogResources(
    input: PipelineInput,
    credentials: BackstageCredentials,
  ) {
    const { catalog } = this.options;
    const settled = await Promise.allSettled([
      requireCatalogResourceEntities(catalog, credentials, input.inputs, {
        types: [AiResourceType.dataset, AiResourceType.featureView],
        what: 'dataset or feature view',
        field: i => `inputs.${i}`,
      }),
      requireCatalogResources(catalog, credentials, input.outputs, {
        types: [
          AiResourceType.dataset,
          AiResourceType.featureView,
          AiResourceType.aiModel,
        ],
        what: 'dataset, feature view or model',
        field: i => `outputs.${i}`,
      }),
    ]);
    const errors = settled.flatMap(result =>
      result.status === 'rejected' ? [result.reason as Error] : [],
    );
    const unexpected = errors.find(error => !(error instanceof InputError));
    if (unexpected) throw unexpected;
    if (errors.length) {
      throw new InputError(errors.map(error => error.message).join('; '));
    }
    const [inputs, outputs] = settled as [
      PromiseFulfilledResult<CatalogResource[]>,
      PromiseFulfilledResult<string[]>,
    ];
    return { inputs: inputs.value, outputs: outputs.value };
  }

  private nameTaken(name: string) {
    return new ConflictError(`name: a pipeline named ${name} already exists`);
  }
}
