import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import { validateAiEntity } from '@ai-platform/plugin-ai-platform-common';

/**
 * Rejects entities of the AI-platform model whose spec or suite annotations are malformed, so
 * the catalog shows the error on the entity instead of the portal half-working with it.
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
}
