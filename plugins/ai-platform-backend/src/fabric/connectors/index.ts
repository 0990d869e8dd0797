import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { FabricSource } from '../FabricSource';
import { readFabricSourcesConfig } from './config';
import { KubernetesTopologySource } from './KubernetesTopologySource';
import { PrometheusFabricSource } from './PrometheusFabricSource';
import { UfmFabricSource } from './UfmFabricSource';

/**
 * The sources `aiPlatform.fabric.{prometheus,ufm,kubernetes}` configure: Prometheus, UFM, and one
 * per Kubernetes cluster. None without config; throws on config that cannot be meant.
 */
export function createFabricSources(
  config: Config,
  logger: LoggerService,
): FabricSource[] {
  const sources = readFabricSourcesConfig(config);
  return [
    ...(sources.prometheus
      ? [new PrometheusFabricSource(sources.prometheus, logger)]
      : []),
    ...(sources.ufm ? [new UfmFabricSource(sources.ufm)] : []),
    ...sources.kubernetes.map(
      cluster => new KubernetesTopologySource(cluster, logger),
    ),
  ];
}
