import {
  FeatureView,
  FeatureViewInput,
} from '@ai-platform/plugin-ai-platform-common';

/** A feature view to record: the input as checked, who asked, and the request's key. */
export type NewFeatureView = FeatureViewInput & {
  createdBy: string;
  idempotencyKey?: string;
};

/** The feature views the golden path defined. */
export interface FeatureViewStore {
  list(): Promise<FeatureView[]>;
  findByName(name: string): Promise<FeatureView | undefined>;
  findByIdempotencyKey(key: string): Promise<FeatureView | undefined>;
  /**
   * Stores the view, or answers undefined when its name or idempotency key is already stored
   * (by a concurrent request, on any replica): the database's unique keys decide.
   */
  insert(view: NewFeatureView): Promise<FeatureView | undefined>;
}
