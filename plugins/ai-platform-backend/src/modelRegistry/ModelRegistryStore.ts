import {
  MlflowRegistration,
  ModelRegistryEntry,
  ModelRegistryEntryInput,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * An entry to record: the input as checked, its id (chosen before MLflow is asked, which tags
 * the model with it), who asked, the request's key and where MLflow registered it.
 */
export type NewModelRegistryEntry = ModelRegistryEntryInput & {
  id: string;
  createdBy: string;
  idempotencyKey?: string;
  mlflow?: MlflowRegistration;
};

/** The models registered through the golden path. */
export interface ModelRegistryStore {
  list(): Promise<ModelRegistryEntry[]>;
  findByName(name: string): Promise<ModelRegistryEntry | undefined>;
  findByIdempotencyKey(key: string): Promise<ModelRegistryEntry | undefined>;
  /**
   * Stores the entry, or answers undefined when its name or idempotency key is already stored
   * (by a concurrent request, on any replica): the database's unique keys decide.
   */
  insert(entry: NewModelRegistryEntry): Promise<ModelRegistryEntry | undefined>;
}
