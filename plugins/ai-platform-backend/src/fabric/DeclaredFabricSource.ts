import {
  FabricObservation,
  declaredObservation,
} from '@ai-platform/plugin-ai-platform-common';
import { FabricCatalog } from './FabricCatalog';
import { FabricSource } from './FabricSource';

/**
 * The topology the catalog declares on `network-fabric` and `gpu-cluster` entities, as an
 * observation with nothing measured: it stands in for fabrics no source observes and is what
 * observed fabrics are compared with.
 */
export class DeclaredFabricSource implements FabricSource {
  readonly id = 'declared';
  readonly kind = 'declared' as const;

  constructor(
    private readonly catalog: FabricCatalog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async collect(): Promise<FabricObservation> {
    const at = this.now();
    const snapshot = await this.catalog.read(at.getTime());
    return declaredObservation({
      sourceId: this.id,
      collectedAt: at.toISOString(),
      fabrics: snapshot.declaredFabrics,
      clusters: snapshot.declaredClusters,
    });
  }
}
