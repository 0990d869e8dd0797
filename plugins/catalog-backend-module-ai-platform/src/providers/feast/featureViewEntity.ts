import {
  AI_PLATFORM_ANNOTATION_PREFIX,
  AiResourceType,
  FEATURE_DTYPES,
  PORTAL_ENTITY_REF_TAG,
} from '@ai-platform/plugin-ai-platform-common';
import {
  EntityResult,
  hashedEntityName,
  managedResource,
  ownerFromTag,
  refFromValue,
} from '../registryEntities';
import { isRecord, Json } from '../registryHttp';

type FeatureDtype = (typeof FEATURE_DTYPES)[number];

/**
 * Feast's `ValueType.Enum` names (feast/types/Value.proto), as proto3 JSON writes them, to the
 * suite's dtypes. UNIX_TIMESTAMP_LIST, the sets, MAP, NULL, the UUIDs and INVALID have no dtype.
 */
export const VALUE_TYPE_DTYPES: Readonly<Record<string, FeatureDtype>> = {
  BYTES: 'Bytes',
  STRING: 'String',
  INT32: 'Int32',
  INT64: 'Int64',
  DOUBLE: 'Float64',
  FLOAT: 'Float32',
  BOOL: 'Bool',
  UNIX_TIMESTAMP: 'UnixTimestamp',
  BYTES_LIST: 'BytesList',
  STRING_LIST: 'StringList',
  INT32_LIST: 'Int32List',
  INT64_LIST: 'Int64List',
  DOUBLE_LIST: 'Float64List',
  FLOAT_LIST: 'Float32List',
  BOOL_LIST: 'BoolList',
};

/** The entity Feast gives views without entities; not an entity of the catalog's view. */
export const FEAST_DUMMY_ENTITY = '__dummy';

/** The feature-view kinds that have entities, features, a TTL and a batch source. */
const VIEW_TYPES = ['featureView', 'streamFeatureView'];

export const FeastAnnotations = {
  project: `${AI_PLATFORM_ANNOTATION_PREFIX}/feast-project`,
  registry: `${AI_PLATFORM_ANNOTATION_PREFIX}/feast-registry`,
  featureView: `${AI_PLATFORM_ANNOTATION_PREFIX}/feast-feature-view`,
} as const;

/**
 * A valid entity name for a view of a project: `<project>-<view>` when that is one already
 * (and the project, as Feast's are, has no `-`, so the pair reads back one way only);
 * otherwise a cleaned name with a hash of the pair (see `hashedEntityName`).
 */
export function featureViewEntityName(project: string, view: string): string {
  return hashedEntityName(
    `${project}-${view}`,
    `${project}\0${view}`,
    'feature-view',
    !project.includes('-'),
  );
}

/** Seconds of a proto3 JSON Duration (`"86400s"`, `"1.5s"`), whole; undefined if not one. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    return Math.floor(value);
  }
  const match = typeof value === 'string' && /^(\d+)(\.\d+)?s$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** A feature view of the list, whichever way the server wraps it. */
export interface FeastView {
  /** `featureView`, `streamFeatureView`, `onDemandFeatureView`, ... */
  type: string;
  spec: Json;
}

/**
 * Feast's list answers each view as `{ type, spec, meta }`; older servers as the AnyFeatureView
 * oneof, `{ featureView: { spec, meta } }`. Both give the same view.
 */
export function unwrapView(item: Json): FeastView | undefined {
  if (isRecord(item.spec)) {
    const type = typeof item.type === 'string' ? item.type : 'featureView';
    return { type, spec: item.spec };
  }
  for (const [type, value] of Object.entries(item)) {
    if (isRecord(value) && isRecord(value.spec)) {
      return { type, spec: value.spec };
    }
  }
  return undefined;
}

export function isCatalogedViewType(type: string): boolean {
  return VIEW_TYPES.includes(type);
}

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];

const tagsOf = (value: unknown): Record<string, string> =>
  isRecord(value)
    ? (Object.fromEntries(
        Object.entries(value).filter(([, v]) => typeof v === 'string'),
      ) as Record<string, string>)
    : {};

/** What one registry read needs to turn a view into an entity. */
export interface FeatureViewContext {
  providerName: string;
  registryId: string;
  project: string;
  ownerTag: string;
  /** A full entity ref. */
  defaultOwner?: string;
  datasetTag: string;
  /** Entity names the project's `/entities` lists. */
  entityNames: ReadonlySet<string>;
  /** The project's data sources by name, as `/data_sources` lists them. */
  dataSources: ReadonlyMap<string, Json>;
}

/**
 * The owner tag (a group name or a group or user ref); else Feast's own `owner` field when it
 * holds a full group or user ref, as the portal's feature-view template writes it (an e-mail
 * or a bare name there is not read); else the configured default.
 */
function ownerOf(
  spec: Json,
  context: FeatureViewContext,
  problems: string[],
): string | undefined {
  const tagged = ownerFromTag(tagsOf(spec.tags), context.ownerTag, problems);
  if (tagged) {
    return tagged;
  }
  const owner = typeof spec.owner === 'string' ? spec.owner : '';
  const ownerRef = /^(group|user):/i.test(owner)
    ? refFromValue(owner, ['group', 'user'])
    : undefined;
  return ownerRef ?? context.defaultOwner;
}

function datasetOf(
  batchSource: unknown,
  context: FeatureViewContext,
  problems: string[],
): string | undefined {
  if (!isRecord(batchSource) || typeof batchSource.name !== 'string') {
    return undefined;
  }
  const source = context.dataSources.get(batchSource.name) ?? batchSource;
  const tag = tagsOf(source.tags)[context.datasetTag];
  if (tag === undefined) {
    return undefined;
  }
  const ref = refFromValue(tag, ['resource']);
  if (!ref) {
    problems.push(
      `batch source ${batchSource.name}: tag ${
        context.datasetTag
      }=${JSON.stringify(tag)} is not a dataset name or resource ref`,
    );
  }
  return ref;
}

function featuresOf(spec: Json, problems: string[]) {
  const features: Array<{ name: string; dtype: FeatureDtype }> = [];
  for (const field of Array.isArray(spec.features) ? spec.features : []) {
    if (!isRecord(field) || typeof field.name !== 'string') {
      continue;
    }
    const valueType = field.valueType ?? 'INVALID';
    const dtype =
      typeof valueType === 'string' ? VALUE_TYPE_DTYPES[valueType] : undefined;
    if (dtype) {
      features.push({ name: field.name, dtype });
    } else {
      problems.push(
        `feature ${field.name} left out: value type ${JSON.stringify(
          valueType,
        )} has no catalog dtype`,
      );
    }
  }
  return features;
}

function entitiesOf(
  spec: Json,
  context: FeatureViewContext,
  problems: string[],
): string[] {
  const names = strings(spec.entities).filter(e => e !== FEAST_DUMMY_ENTITY);
  for (const name of names.filter(n => !context.entityNames.has(n))) {
    problems.push(
      `entity ${name} left out: project ${context.project} does not list it`,
    );
  }
  return names.filter(n => context.entityNames.has(n));
}

/** The catalog entity a view defined in the portal already has (the portal's ledger lists it). */
export function portalEntityRefOf(spec: Json): string | undefined {
  return tagsOf(spec.tags)[PORTAL_ENTITY_REF_TAG];
}

/**
 * The `feature-view` Resource of a Feast feature view, or why it is left out: no owner, no
 * entity or no feature that maps. Unmapped features, entities and tags are reported in
 * `problems` and left out of the entity.
 */
export function featureViewToEntity(
  spec: Json,
  context: FeatureViewContext,
): EntityResult {
  const problems: string[] = [];
  const viewName = typeof spec.name === 'string' ? spec.name : '';
  if (!viewName) {
    return { skipped: 'it has no name', problems };
  }
  const owner = ownerOf(spec, context, problems);
  const entities = entitiesOf(spec, context, problems);
  const features = featuresOf(spec, problems);
  const dataset = datasetOf(spec.batchSource, context, problems);
  let skipped: string | undefined;
  if (!owner) {
    skipped = `it has no owner: no valid ${context.ownerTag} tag, no group or user ref in owner and no defaultOwner configured`;
  } else if (entities.length === 0) {
    skipped = 'it has no entity';
  } else if (features.length === 0) {
    skipped = 'none of its features has a catalog dtype';
  }
  if (skipped) {
    return { skipped, problems };
  }

  const ttlSeconds = durationSeconds(spec.ttl);
  return {
    problems,
    entity: managedResource(
      `${context.providerName}:${context.project}/${viewName}`,
      {
        name: featureViewEntityName(context.project, viewName),
        title: viewName,
        description: spec.description,
        annotations: {
          [FeastAnnotations.project]: context.project,
          [FeastAnnotations.registry]: context.registryId,
          [FeastAnnotations.featureView]: viewName,
        },
      },
      {
        type: AiResourceType.featureView,
        owner,
        entities,
        features,
        ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
        ...(dataset ? { dependsOn: [dataset] } : {}),
      },
    ),
  };
}
