import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the AI Platform plugins. */
  aiPlatform?: {
    drift?: {
      /** How often pending drift windows are evaluated. Every minute by default. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Days drift results and evaluated windows are kept. Defaults to 90. */
      retentionDays?: number;
      /**
       * Share of a model's features that must drift for the model to count as drifted
       * (Evidently's dataset drift). Defaults to 0.5; the `ai-platform.io/drift-share`
       * annotation overrides it per model.
       */
      datasetDriftShare?: number;
      /** A demo file of seeded samples to load at start-up (see examples/demo/drift.yaml). */
      demoData?: string;
    };
    compliance?: {
      /**
       * Checks added to the shipped set (an id of a shipped check replaces it); each is
       * validated at start-up and a bad one fails start-up naming it.
       */
      checks?: Array<{
        id: string;
        title: string;
        description?: string;
        appliesTo: Array<{ kind: string; types?: string[] }>;
        when?: { fact: string; equals: string | number | boolean };
        fact: string;
        operator:
          | 'exists'
          | 'equals'
          | 'gte'
          | 'lte'
          | 'withinDays'
          | 'matches';
        value?: string | number | boolean;
        level: 'bronze' | 'silver' | 'gold';
        category: string;
        remediation: string;
        remediationUrl?: string;
      }>;
      /** How often every applicable entity is evaluated. Hourly by default. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Days the history of evaluations is kept (the heat map's trend). Defaults to 180. */
      retentionDays?: number;
    };
    spend?: {
      /**
       * Groups whose members see every team's spend and may import billing files (finance),
       * as entity refs; read by the suite's policy module
       * (`@ai-platform/plugin-ai-platform-backend/policy`).
       */
      financeGroups?: string[];
      /** Currency every cost is counted in; FOCUS rows in another currency are refused. */
      currency?: string;
      /** Price per GPU-hour by GPU model and pricing class. */
      rates?: Array<{
        gpuModel: string;
        /** Other names of the model: DCGM's modelName, gpu-cluster specs. */
        aliases?: string[];
        'on-demand'?: number;
        reserved?: number;
        spot?: number;
      }>;
      /** How shared and idle cluster cost is spread over teams. Defaults to proportional. */
      splitRule?: 'proportional' | 'even';
      /** Namespaces whose cost all teams share. Defaults to kube-system. */
      sharedNamespaces?: string[];
      /** Monthly budgets; they override the `ai-platform.io/monthly-budget` annotation. */
      budgets?: Array<{ team: string; monthly: number }>;
      /** Sources pulled on the scheduler, each from its own watermark. */
      sources?: Array<{
        kind: 'opencost' | 'prometheus' | 'quota';
        /** Unique id; the watermark and stale state are kept under it. */
        id: string;
        /** OpenCost or Prometheus base URL. */
        baseUrl?: string;
        /** OpenCost: `namespace` (default) or `label:<key>`. */
        aggregate?: string;
        /** OpenCost: the cluster's GPU model. */
        gpuModel?: string;
        /** OpenCost: how the cluster's capacity is bought. */
        pricingClass?: 'on-demand' | 'reserved' | 'spot';
        /** Prometheus: seconds per utilization sample. Defaults to 3600. */
        stepSeconds?: number;
        /**
         * Prometheus: the cluster its DCGM series ran on, by name (`cluster-a` for
         * resource:default/cluster-a), for series without a `cluster` label. Defaults to none.
         */
        cluster?: string;
        /** Days pulled on the first run. Defaults to 30. */
        backfillDays?: number;
      }>;
      /** How often sources are pulled. Every 10 minutes by default. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Minutes after the last good pull before a source shows as stale. Defaults to 180. */
      staleAfterMinutes?: number;
      focus?: {
        /** SKUs that are GPU capacity: matched within SkuId, ResourceType or ChargeDescription. */
        gpuSkus?: Array<{
          match: string;
          gpuModel: string;
          gpusPerUnit?: number;
        }>;
        /** Largest file the upload route takes. Defaults to 50. */
        maxImportMegabytes?: number;
      };
      /** Load six months of demo billing and 30 days of utilization (the example org). */
      demoData?: boolean;
      /**
       * Energy, carbon and water of the energy sources' usage (Prometheus/DCGM), applied as rows
       * are ingested.
       */
      energy?: {
        /**
         * Power range per GPU model (the rate's name or an alias), for estimates where no power
         * was observed: idle × GPU-hours + (max − idle) × busy GPU-hours. Without maxWatts, the
         * highest power limit nvidia-smi inventory imports reported for the model.
         */
        gpuPower?: Array<{
          gpuModel: string;
          idleWatts: number;
          maxWatts?: number;
        }>;
        /** Factors of usage whose cluster names no entry: PUE 1.58 and 480 gCO₂e/kWh unless set. */
        defaults?: {
          pue?: number;
          /** gCO₂e per kWh. */
          gridIntensity?: number;
          /** Hourly CSV (`datetime,gco2e_per_kwh`, or an Electricity Maps export); relative to the backend's working directory. */
          gridIntensityFile?: string;
          /** Litres of water per kWh at the facility. */
          waterLitresPerKwh?: number;
        };
        /** Factors a region's clusters share; a cluster's own keys win. */
        regions?: Array<{
          region: string;
          pue?: number;
          gridIntensity?: number;
          gridIntensityFile?: string;
          waterLitresPerKwh?: number;
        }>;
        /** Per cluster, by the name usage rows carry (a Prometheus source's `cluster` or series label). */
        clusters?: Array<{
          cluster: string;
          region?: string;
          pue?: number;
          gridIntensity?: number;
          gridIntensityFile?: string;
          waterLitresPerKwh?: number;
        }>;
      };
    };
    pools?: {
      /**
       * How often GPU pools are re-read from `gpu-cluster` catalog entities.
       * Defaults to every minute.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    mlflow?: {
      /**
       * MLflow tracking server whose Model Registry the portal registers models in
       * (`/api/2.0/mlflow/...`), e.g. http://mlflow:5000. Without this block models are
       * recorded in the portal only.
       */
      baseUrl: string;
      /**
       * Bearer token sent in the Authorization header (MLFLOW_TRACKING_TOKEN).
       * @visibility secret
       */
      token?: string;
      /** Where people open MLflow's UI, for links to a model. Defaults to baseUrl. */
      uiUrl?: string;
      /** Seconds each request to MLflow may take. Defaults to 30. */
      timeoutSeconds?: number;
    };
    airflow?: {
      /**
       * Airflow webserver whose stable REST API (`/api/v1`) the portal reads pipelines' DAG runs
       * from, e.g. http://airflow:8080. Without it runs show as not configured.
       */
      baseUrl?: string;
      /** User for basic auth (Airflow's `basic_auth` API backend); with `password`. */
      username?: string;
      /**
       * Password of `username`.
       * @visibility secret
       */
      password?: string;
      /**
       * Bearer token sent in the Authorization header, in place of username and password.
       * @visibility secret
       */
      token?: string;
      /** Milliseconds each request to Airflow may take. Defaults to 5000. */
      timeoutMs?: number;
      /** Where people open Airflow's UI, for links to a DAG's grid. Defaults to baseUrl. */
      webUrl?: string;
    };
    quota?: {
      /**
       * GPUs a team may hold at once, across pools, before a platform admin must approve
       * more. Defaults to 8.
       */
      autoApproveGpus?: number;
      /** Per-team overrides of `autoApproveGpus`. */
      teamLimits?: Array<{
        /** Group entity ref of the team, e.g. `group:default/llm-research`. */
        team: string;
        autoApproveGpus: number;
      }>;
      /** The longest window one quota request may cover, in days. Defaults to 90. */
      maxWindowDays?: number;
      /**
       * Groups whose members may approve and deny quota requests (the
       * `ai-platform.quota.approve` permission), as entity refs; read by the suite's policy
       * module (`@ai-platform/plugin-ai-platform-backend/policy`).
       */
      approvers?: string[];
      /** How often approved quotas become active and ended ones expire. Every minute by default. */
      lifecycleSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    workspace?: {
      /**
       * The images an ML workspace may run; the first is the ml-workspace template's default.
       * Without the list any image reference goes.
       */
      images?: string[];
    };
    fabric?: {
      /** How often every source is read and the health graph rebuilt. Every minute by default. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Minutes after its last good read before a source shows as stale. Defaults to 10. A
       * source whose last read failed shows its links as unknown and stale at once.
       */
      staleAfterMinutes?: number;
      /** Days link history is kept; older points are pruned on every run. Defaults to 7. */
      retentionDays?: number;
      /**
       * Minutes between a link's history points; a change of its state is kept at once.
       * Defaults to 15.
       */
      historyStepMinutes?: number;
      /**
       * Errors per second above which a link is degraded, per counter; these replace the
       * defaults (symbolErrors 0.01, linkErrorRecovery 0.001, portRcvErrors 0.01,
       * portXmitDiscards 0.1, nvlinkCrcFlitErrors 1, nvlinkCrcDataErrors 0.01,
       * nvlinkReplayErrors 0.01, nvlinkRecoveryErrors 0.001; portXmitWait none). Any link-down
       * in the window makes a link down.
       */
      thresholds?: {
        symbolErrors?: number;
        linkErrorRecovery?: number;
        portRcvErrors?: number;
        portXmitDiscards?: number;
        portXmitWait?: number;
        nvlinkCrcFlitErrors?: number;
        nvlinkCrcDataErrors?: number;
        nvlinkReplayErrors?: number;
        nvlinkRecoveryErrors?: number;
      };
      /**
       * Collect a demo fabric too: a fat tree of 8 spines, 16 leaves and 128 nodes under
       * resource:default/ib-fabric-east and nvlink-east (the examples), with a day of history.
       */
      demoData?: boolean;
      /**
       * Prometheus that scrapes the infiniband-exporter (InfiniBand cables and their counters)
       * and, where present, dcgm-exporter (NVLink per GPU). Without this block it is not read.
       */
      prometheus?: {
        /** Prometheus's root, e.g. http://prometheus:9090. */
        baseUrl: string;
        /**
         * Bearer token sent in the Authorization header, for a Prometheus behind a proxy.
         * @visibility secret
         */
        token?: string;
        /** The range every rate is taken over, a PromQL duration. Defaults to 5m. */
        window?: string;
        /** Milliseconds each query may take. Defaults to 10000. */
        timeoutMs?: number;
      };
      /**
       * NVIDIA UFM Enterprise whose REST API gives links, port state, counters, unhealthy ports
       * and alarms. Without this block it is not read.
       */
      ufm?: {
        /** The UFM server, e.g. https://ufm.example.com (`/ufmRest` is added). */
        baseUrl: string;
        /** User for basic auth; with `password`. */
        username?: string;
        /**
         * Password of `username`.
         * @visibility secret
         */
        password?: string;
        /**
         * Access token (UFM Settings → Access Tokens), in place of username and password.
         * @visibility secret
         */
        token?: string;
        /** Base64 of the PEM certificate(s) that signed UFM's TLS certificate, if private. */
        caData?: string;
        /** Milliseconds each request may take. Defaults to 10000. */
        timeoutMs?: number;
      };
      /** Kubernetes clusters whose nodes carry NVIDIA Topograph's topology labels. */
      kubernetes?: {
        clusters: Array<{
          /** The `gpu-cluster` Resource these nodes belong to, e.g. resource:default/gpu-a. */
          clusterRef: string;
          /** The API server, e.g. https://10.0.0.1:6443. */
          baseUrl: string;
          /**
           * A service account token allowed to list nodes, and pods for the namespaces on each
           * node (without that, nodes are placed without them).
           * @visibility secret
           */
          token: string;
          /** Base64 of the cluster's CA certificate(s), as kubeconfig's certificate-authority-data. */
          caData?: string;
        }>;
        /** Milliseconds each request may take. Defaults to 10000. */
        timeoutMs?: number;
      };
    };
  };
}
