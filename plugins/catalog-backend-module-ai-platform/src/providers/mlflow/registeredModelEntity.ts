import {
  AI_PLATFORM_ANNOTATION_PREFIX,
  AiPlatformAnnotations,
  AiResourceType,
  PORTAL_ENTITY_REF_TAG,
  RISK_LEVELS,
  RiskLevel,
} from '@ai-platform/plugin-ai-platform-common';
import {
  EntityResult,
  hashedEntityName,
  managedResource,
  ownerFromTag,
} from '../registryEntities';
import { isRecord, Json } from '../registryHttp';

export const MlflowAnnotations = {
  /** The `aiPlatform.mlflow.registries` id the model was read from. */
  registry: `${AI_PLATFORM_ANNOTATION_PREFIX}/mlflow-registry`,
  /** The latest version of each stage: `3 (Production), 4 (Staging), 5`. */
  latestVersions: `${AI_PLATFORM_ANNOTATION_PREFIX}/mlflow-latest-versions`,
  /** The model's aliases and the versions they point to: `champion=3, challenger=4`. */
  aliases: `${AI_PLATFORM_ANNOTATION_PREFIX}/mlflow-aliases`,
} as const;

/** The registered-model tag holding the model's EU AI Act risk class (one of `RISK_LEVELS`). */
export const MLFLOW_RISK_TAG = 'risk_class';

/** MLflow's stage of versions outside every stage. */
const NO_STAGE = 'None';

/**
 * A valid entity name for a registered model: `mlflow-<name>` when that is one already;
 * otherwise a cleaned name with a hash of the MLflow name (see `hashedEntityName`).
 */
export function registeredModelEntityName(name: string): string {
  return hashedEntityName(`mlflow-${name}`, name, 'mlflow');
}

/** The `tags` of a RegisteredModel (`[{ key, value }]`) as a map; a tag without value is `''`. */
export function modelTags(model: Json): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of Array.isArray(model.tags) ? model.tags : []) {
    if (isRecord(tag) && typeof tag.key === 'string') {
      tags[tag.key] = typeof tag.value === 'string' ? tag.value : '';
    }
  }
  return tags;
}

/** The catalog entity a model registered through the portal already has. */
export function portalEntityRefOf(model: Json): string | undefined {
  return modelTags(model)[PORTAL_ENTITY_REF_TAG] || undefined;
}

const byVersion = (a: string, b: string) =>
  Number(a) - Number(b) || a.localeCompare(b, 'en-US');

/**
 * `latest_versions` (a ModelVersion for each stage) in words, by version: `3 (Production),
 * 4 (Staging), 5` (a version in no stage has no parenthesis). Undefined when there is none.
 */
export function latestVersionsSummary(latest: unknown): string | undefined {
  const stages = new Map<string, Set<string>>();
  for (const v of Array.isArray(latest) ? latest : []) {
    if (isRecord(v) && typeof v.version === 'string' && v.version) {
      const stage =
        typeof v.current_stage === 'string' ? v.current_stage : NO_STAGE;
      const set = stages.get(v.version) ?? new Set<string>();
      if (stage && stage !== NO_STAGE) {
        set.add(stage);
      }
      stages.set(v.version, set);
    }
  }
  const words = [...stages.keys()].sort(byVersion).map(version => {
    const named = [...stages.get(version)!].sort();
    return named.length ? `${version} (${named.join(', ')})` : version;
  });
  return words.length ? words.join(', ') : undefined;
}

/** `aliases` (`[{ alias, version }]`) in words, by alias: `challenger=4, champion=3`. */
export function aliasesSummary(aliases: unknown): string | undefined {
  const words = (Array.isArray(aliases) ? aliases : [])
    .filter(
      (a): a is { alias: string; version: string } =>
        isRecord(a) &&
        typeof a.alias === 'string' &&
        a.alias !== '' &&
        typeof a.version === 'string',
    )
    .map(a => `${a.alias}=${a.version}`)
    .sort();
  return words.length ? words.join(', ') : undefined;
}

function riskLevelOf(
  tags: Record<string, string>,
  problems: string[],
): RiskLevel | undefined {
  const value = tags[MLFLOW_RISK_TAG];
  if (value === undefined) {
    return undefined;
  }
  const level = value.trim().toLocaleLowerCase('en-US');
  if ((RISK_LEVELS as readonly string[]).includes(level)) {
    return level as RiskLevel;
  }
  problems.push(
    `tag ${MLFLOW_RISK_TAG}=${JSON.stringify(
      value,
    )} is not one of ${RISK_LEVELS.join(', ')}; no risk level set`,
  );
  return undefined;
}

/** What one registry read needs to turn a registered model into an entity. */
export interface RegisteredModelContext {
  providerName: string;
  registryId: string;
  ownerTag: string;
  /** A full entity ref. */
  defaultOwner?: string;
}

/**
 * The `ai-model` Resource of an MLflow registered model, or why it is left out (no name, no
 * owner). A bad owner or risk tag is reported in `problems` and left out of the entity.
 */
export function registeredModelToEntity(
  model: Json,
  context: RegisteredModelContext,
): EntityResult {
  const problems: string[] = [];
  const name = typeof model.name === 'string' ? model.name : '';
  if (!name.trim()) {
    return { skipped: 'it has no name', problems };
  }
  const tags = modelTags(model);
  const owner =
    ownerFromTag(tags, context.ownerTag, problems) ?? context.defaultOwner;
  if (!owner) {
    return {
      skipped: `it has no owner: no valid ${context.ownerTag} tag and no defaultOwner configured`,
      problems,
    };
  }
  const riskLevel = riskLevelOf(tags, problems);
  const latestVersions = latestVersionsSummary(model.latest_versions);
  const aliases = aliasesSummary(model.aliases);
  return {
    problems,
    entity: managedResource(
      `${context.providerName}:${name}`,
      {
        name: registeredModelEntityName(name),
        title: name,
        description: model.description,
        annotations: {
          [AiPlatformAnnotations.registeredModel]: name,
          [MlflowAnnotations.registry]: context.registryId,
          ...(riskLevel
            ? { [AiPlatformAnnotations.riskLevel]: riskLevel }
            : {}),
          ...(latestVersions
            ? { [MlflowAnnotations.latestVersions]: latestVersions }
            : {}),
          ...(aliases ? { [MlflowAnnotations.aliases]: aliases } : {}),
        },
      },
      { type: AiResourceType.aiModel, owner },
    ),
  };
}
