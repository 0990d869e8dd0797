import { FeatureViewInput } from './schemas';

/** A feature view as the backend records it. */
export interface FeatureView extends FeatureViewInput {
  id: string;
  createdBy: string;
  createdAt: string;
}

/** What `POST /feature-views` answers: the stored view (absent in a dry run). */
export interface FeatureViewResult {
  featureView?: FeatureView;
}

/**
 * The Feast tag that feature views defined in the portal carry: the catalog entity the portal
 * already keeps for them, so a Feast registry provider does not list them a second time.
 */
export const FEAST_ENTITY_REF_TAG = 'ai-platform.io/entity-ref';
