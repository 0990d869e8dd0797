import { ModelRegistryEntryInput } from './schemas';

/** Where the entry stands in MLflow, when an MLflow server is configured. */
export interface MlflowRegistration {
  /** The registered model's name in MLflow. */
  registeredModel: string;
  /** The version created for `sourceUri`, if one was given. */
  version?: string;
  /** MLflow's UI address of the model, for links. */
  url?: string;
}

/** A model registry entry as the backend records it. */
export interface ModelRegistryEntry extends ModelRegistryEntryInput {
  id: string;
  createdBy: string;
  createdAt: string;
  mlflow?: MlflowRegistration;
}

/** What `POST /model-registry/entries` answers: the stored entry (absent in a dry run). */
export interface ModelRegistryEntryResult {
  entry?: ModelRegistryEntry;
}
