import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  AiComponentType,
  RELATION_PRODUCED_BY,
  RELATION_PRODUCES,
  validateAiEntity,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * Rejects entities of the AI-platform model whose spec or suite annotations are malformed, so
 * the catalog shows the error on the entity instead of the portal half-working with it; and
 * relates each `ml-pipeline` Component to what it writes (`spec.outputs`): it `produces` them,
 * they are `producedBy` it, so lineage reads dataset → pipeline → model in the catalog.
 */
export class AiPlatformEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'AiPlatformEntityProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    const problems = validateAiEntity(entity);
    if (problems.length > 0) {
      const details = problems.map(p => `${p.field}: ${p.message}`).join('; ');
      throw new InputError(
        `Invalid AI platform entity ${stringifyEntityRef(entity)}: ${details}`,
      );
    }
    return entity;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const outputs = entity.spec?.outputs;
    if (
      entity.kind !== 'Component' ||
      entity.spec?.type !== AiComponentType.mlPipeline ||
      !Array.isArray(outputs)
    ) {
      return entity;
    }
    const pipeline = getCompoundEntityRef(entity);
    for (const output of outputs) {
      // As for dependsOn, a bare name is a Resource in the pipeline's namespace.
      const target = parseEntityRef(String(output), {
        defaultKind: 'resource',
        defaultNamespace: pipeline.namespace,
      });
      emit(
        processingResult.relation({
          source: pipeline,
          type: RELATION_PRODUCES,
          target,
        }),
      );
      emit(
        processingResult.relation({
          source: target,
          type: RELATION_PRODUCED_BY,
          target: pipeline,
        }),
      );
    }
    return entity;
  }
}
