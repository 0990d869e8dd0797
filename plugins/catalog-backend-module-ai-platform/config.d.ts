import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  aiPlatform?: {
    feast?: {
      /**
       * Feast registry servers (`feast serve_registry --rest-api`) whose feature views the
       * catalog shows as `feature-view` Resources. None by default.
       */
      registries?: Array<{
        /** Unique id; names the entity provider and goes in `ai-platform.io/feast-registry`. */
        id: string;
        /** Root of the registry's REST API, without `/api/v1` (e.g. http://feast-registry:6572). */
        baseUrl: string;
        /** Read only this project. Every project the registry lists by default. */
        project?: string;
        /**
         * Bearer token sent in the Authorization header (Feast's OIDC or Kubernetes auth).
         * @visibility secret
         */
        token?: string;
        /** Feature-view tag naming the owning group (`group:default/<value>`). Defaults to `team`. */
        ownerTag?: string;
        /**
         * Owner of views with neither the owner tag nor a group or user ref in Feast's `owner`
         * field (an entity ref or group name). Such views are left out when unset.
         */
        defaultOwner?: string;
        /** Data-source tag naming the `dataset` Resource a view's batch source reads. Defaults to `dataset`. */
        datasetTag?: string;
        /** Seconds each request may take. Defaults to 30. */
        timeoutSeconds?: number;
        /** Pages (of 100 items) read per list at most; a longer list fails the run. Defaults to 100. */
        maxPages?: number;
        /** How often the registry is read. Every 10 minutes by default. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      }>;
    };
    mlflow?: {
      /**
       * MLflow model registries (MLflow 2.x tracking servers) whose registered models the catalog
       * shows as `ai-model` Resources, read only. None by default. Distinct from
       * `aiPlatform.mlflow.baseUrl`, the server the ai-platform backend writes the portal's models
       * to: a server may be in both.
       */
      registries?: Array<{
        /** Unique id; names the entity provider and goes in `ai-platform.io/mlflow-registry`. */
        id: string;
        /** Root of the tracking server, with or without `/api/2.0` (e.g. http://mlflow:5000). */
        baseUrl: string;
        /**
         * Bearer token sent in the Authorization header (the token of an OIDC proxy in front of MLflow, or a Databricks personal access token).
         * @visibility secret
         */
        token?: string;
        /** Registered-model tag naming the owning group (`group:default/<value>`) or a group or user ref. Defaults to `team`. */
        ownerTag?: string;
        /** Owner of models without a valid owner tag (an entity ref or group name). Such models are left out when unset. */
        defaultOwner?: string;
        /** MLflow search filter on names and tags, e.g. `name LIKE 'fraud-%'`. Every model by default. */
        filter?: string;
        /** Seconds each request may take. Defaults to 30. */
        timeoutSeconds?: number;
        /** Pages (of 100 models) read at most; a longer list fails the run. Defaults to 100. */
        maxPages?: number;
        /** How often the registry is read. Every 10 minutes by default. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      }>;
    };
  };
}
