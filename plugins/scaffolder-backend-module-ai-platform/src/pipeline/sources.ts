/** A column a dataset's catalog entity declares (`spec.schema.columns`). */
export interface DatasetColumn {
  name: string;
  type: string;
  /** Only `true` allows missing values: the catalog's examples mark the nullable columns. */
  nullable?: boolean;
}

/** One input of a pipeline as the catalog describes it, in the order of the pipeline's inputs. */
export type PipelineSource =
  | {
      kind: 'dataset';
      ref: string;
      /** The entity's name. */
      name: string;
      format: string;
      location: string;
      columns?: DatasetColumn[];
    }
  | { kind: 'feature-view'; ref: string; name: string };
