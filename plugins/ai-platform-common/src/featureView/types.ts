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
