import {
  Entity,
  entitySchemaValidator,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { validateAiEntity } from '@ai-platform/plugin-ai-platform-common';
import { validateEntityExamples } from './validateEntity.examples';

const validateEnvelope = entitySchemaValidator();

/**
 * Checks the entity a template is about to publish against the catalog's entity schema and the
 * AI-platform model, so a bad value fails the template's step, naming the field, instead of
 * surfacing later as a catalog processing error.
 */
export function createValidateEntityAction() {
  return createTemplateAction({
    id: 'ai-platform:catalog:validate',
    description:
      'Validates a catalog entity against the AI Platform entity model before it is published',
    examples: validateEntityExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entity: z =>
          z
            .record(z.unknown())
            .describe('The entity, as it will be written to catalog-info.yaml'),
      },
      output: {
        entityRef: z =>
          z.string().describe('The entity ref of the validated entity'),
      },
    },
    async handler(ctx) {
      let entity: Entity;
      try {
        entity = validateEnvelope(ctx.input.entity);
      } catch (error) {
        throw new InputError(`entity: ${(error as Error).message}`);
      }
      const problems = validateAiEntity(entity);
      if (problems.length > 0) {
        throw new InputError(
          `entity.${problems
            .map(p => `${p.field}: ${p.message}`)
            .join('; entity.')}`,
        );
      }
      const entityRef = stringifyEntityRef(entity);
      ctx.logger.info(`${entityRef} is a valid AI platform entity`);
      ctx.output('entityRef', entityRef);
    },
  });
}
