import {
  FabricObservation,
  FabricSourceStatus,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * A source the fabric domain collects on its schedule. The same shape as the domain's
 * `FabricSource` (`../FabricSource.ts`), which replaces this once it lands.
 */
export interface FabricSource {
  id: string;
  kind: FabricSourceStatus['kind'];
  collect(): Promise<FabricObservation>;
}
