import { Config } from '@backstage/config';
import { entityRefSchema } from '@ai-platform/plugin-ai-platform-common';

export interface PrometheusFabricConfig {
  /** Prometheus's root, e.g. http://prometheus:9090 (its HTTP API is under /api/v1). */
  baseUrl: string;
  /** Sent as a Bearer token, for a Prometheus behind an authenticating proxy. */
  token?: string;
  /** The range of every rate(), a PromQL duration such as `5m`. */
  window: string;
  timeoutMs: number;
}

export interface UfmFabricConfig {
  /** The UFM server, e.g. https://ufm.example.com; `/ufmRest` (or `/ufmRestV3`) is added. */
  baseUrl: string;
  /** Basic auth against `/ufmRest`; with `password`. */
  username?: string;
  password?: string;
  /** An access token from UFM's Settings → Access Tokens, sent to `/ufmRestV3`. */
  token?: string;
  /** Base64 of the PEM certificate(s) that signed UFM's TLS certificate. */
  caData?: string;
  timeoutMs: number;
}

export interface KubernetesClusterConfig {
  /** The `gpu-cluster` Resource whose nodes these are, as a full entity ref. */
  clusterRef: string;
  /** The API server, e.g. https://10.0.0.1:6443. */
  baseUrl: string;
  /** A service account token allowed to list nodes and pods. */
  token: string;
  /** Base64 of the cluster's CA certificate(s), as kubeconfig's certificate-authority-data. */
  caData?: string;
  timeoutMs: number;
}

export interface FabricSourcesConfig {
  prometheus?: PrometheusFabricConfig;
  ufm?: UfmFabricConfig;
  kubernetes: KubernetesClusterConfig[];
}

const DEFAULT_TIMEOUT_MS = 10_000;
const PROMQL_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const clusterRefSchema = entityRefSchema({
  kind: 'resource',
  defaultKind: 'resource',
  normalize: true,
});

function baseUrl(config: Config, where: string): string {
  const value = config.getString('baseUrl').replace(/\/+$/, '');
  try {
    const { protocol } = new URL(value);
    if (protocol === 'http:' || protocol === 'https:') return value;
  } catch {
    // Reported below.
  }
  throw new Error(
    `${where}.baseUrl must be an http or https URL, not ${value}`,
  );
}

function readPrometheus(config: Config): PrometheusFabricConfig {
  const window = config.getOptionalString('window') ?? '5m';
  if (!PROMQL_DURATION.test(window)) {
    throw new Error(
      `aiPlatform.fabric.prometheus.window must be a PromQL duration such as 5m, not ${window}`,
    );
  }
  return {
    baseUrl: baseUrl(config, 'aiPlatform.fabric.prometheus'),
    token: config.getOptionalString('token'),
    window,
    timeoutMs: config.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS,
  };
}

function readUfm(config: Config): UfmFabricConfig {
  const username = config.getOptionalString('username');
  const password = config.getOptionalString('password');
  const token = config.getOptionalString('token');
  if (token && (username || password)) {
    throw new Error(
      'aiPlatform.fabric.ufm takes either username and password or token, not both',
    );
  }
  if (!token && !(username && password)) {
    throw new Error(
      'aiPlatform.fabric.ufm needs username and password, or token',
    );
  }
  return {
    baseUrl: baseUrl(config, 'aiPlatform.fabric.ufm'),
    username,
    password,
    token,
    caData: config.getOptionalString('caData'),
    timeoutMs: config.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS,
  };
}

function readKubernetes(config: Config): KubernetesClusterConfig[] {
  const timeoutMs = config.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS;
  const seen = new Set<string>();
  return config.getConfigArray('clusters').map((cluster, index) => {
    const given = cluster.getString('clusterRef');
    const parsed = clusterRefSchema.safeParse(given);
    if (!parsed.success) {
      throw new Error(
        `aiPlatform.fabric.kubernetes.clusters[${index}].clusterRef ${parsed.error.issues[0].message}, not ${given}`,
      );
    }
    if (seen.has(parsed.data)) {
      throw new Error(
        `aiPlatform.fabric.kubernetes.clusters names ${parsed.data} twice`,
      );
    }
    seen.add(parsed.data);
    return {
      clusterRef: parsed.data,
      baseUrl: baseUrl(
        cluster,
        `aiPlatform.fabric.kubernetes.clusters[${index}]`,
      ),
      token: cluster.getString('token'),
      caData: cluster.getOptionalString('caData'),
      timeoutMs,
    };
  });
}

/**
 * `aiPlatform.fabric.{prometheus,ufm,kubernetes}`: each block present is a source to read. Throws
 * on settings that cannot be meant (a window PromQL would refuse, both kinds of UFM
 * credentials, a cluster that is not a Resource ref).
 */
export function readFabricSourcesConfig(root: Config): FabricSourcesConfig {
  const fabric = root.getOptionalConfig('aiPlatform.fabric');
  const prometheus = fabric?.getOptionalConfig('prometheus');
  const ufm = fabric?.getOptionalConfig('ufm');
  const kubernetes = fabric?.getOptionalConfig('kubernetes');
  return {
    prometheus: prometheus && readPrometheus(prometheus),
    ufm: ufm && readUfm(ufm),
    kubernetes: kubernetes ? readKubernetes(kubernetes) : [],
  };
}

/** PEM text from base64 config, as kubeconfig's `certificate-authority-data` holds it. */
export function decodeCaData(caData: string | undefined): string | undefined {
  return caData ? Buffer.from(caData, 'base64').toString('utf8') : undefined;
}
