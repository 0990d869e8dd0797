import { QuotaService } from '../../quota';
import { TeamMapping } from '../attribution';
import { SpendConfig } from '../config';
import { OpenCostConnector } from './opencost';
import { PrometheusConnector } from './prometheus';
import { QuotaConnector } from './quota';
import { PullConnector } from './types';

/** One connector per configured pull source. */
export function createConnectors(
  config: SpendConfig,
  mapping: () => Promise<TeamMapping>,
  quotas: Pick<QuotaService, 'list'>,
): PullConnector[] {
  return config.sources.map(source => {
    switch (source.kind) {
      case 'opencost':
        return new OpenCostConnector(source, config, mapping);
      case 'prometheus':
        return new PrometheusConnector(source, config, mapping);
      case 'quota':
        return new QuotaConnector(source, config, quotas);
      default:
        throw new Error(
          `Unknown spend source ${(source as { kind: string }).kind}`,
        );
    }
  });
}
