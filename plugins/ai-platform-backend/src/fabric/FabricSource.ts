import {
  FabricObservation,
  FabricSourceStatus,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * What the fabric domain collects from on its schedule: the declared topology, the demo, and the
 * connectors (Prometheus, UFM, Kubernetes). `collect` reads the fabric now and reports rates,
 * never raw counters; it throws when it cannot read, and the source then shows as failing and
 * its links as stale.
 */
export interface FabricSource {
  id: string;
  kind: FabricSourceStatus['kind'];
  collect(): Promise<FabricObservation>;
}
