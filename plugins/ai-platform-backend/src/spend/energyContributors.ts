import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AiPlatformAnnotations,
  EnergyContributor,
} from '@ai-platform/plugin-ai-platform-common';
import { TeamMapping } from './attribution';

const KUBERNETES_NAMESPACE = 'backstage.io/kubernetes-namespace';

/** Who ran the work an entity's energy is read from, and in which namespaces. */
export interface ContributorLookup {
  contributorsOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EnergyContributor[]>;
}

function declaredNamespaces(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const listed = (annotations[AiPlatformAnnotations.namespaces] ?? '')
    .split(',')
    .map(n => n.trim());
  return [
    ...new Set([...listed, annotations[KUBERNETES_NAMESPACE]?.trim() ?? '']),
  ].filter(Boolean);
}

/**
 * Reads contributors from the catalog with the caller's credentials: the entity itself when it
 * names namespaces, and the pipelines that produce it (`producedBy`). A pipeline without its
 * own namespace runs in its team's first namespace, as the pipeline golden path generates it.
 */
export class CatalogEnergyContributors implements ContributorLookup {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      mapping: () => Promise<TeamMapping>;
    },
  ) {}

  async contributorsOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EnergyContributor[]> {
    const { catalog } = this.options;
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    const producers = (entity.relations ?? [])
      .filter(r => r.type === 'producedBy')
      .map(r => r.targetRef)
      .sort();
    const { items } = producers.length
      ? await catalog.getEntitiesByRefs(
          { entityRefs: producers },
          { credentials },
        )
      : { items: [] };
    const mapping = await this.options.mapping();
    const out: EnergyContributor[] = [];
    const add = (e: Entity, namespaces: string[]) => {
      if (namespaces.length) {
        out.push({
          entityRef: stringifyEntityRef(e),
          title: e.metadata.title,
          namespaces,
        });
      }
    };
    add(entity, declaredNamespaces(entity));
    for (const pipeline of items) {
      if (!pipeline) continue;
      const own = declaredNamespaces(pipeline);
      const owner =
        typeof pipeline.spec?.owner === 'string'
          ? stringifyEntityRef(
              parseEntityRef(pipeline.spec.owner, {
                defaultKind: 'group',
                defaultNamespace: pipeline.metadata.namespace ?? 'default',
              }),
            )
          : undefined;
      add(
        pipeline,
        own.length ? own : mapping.namespacesOf(owner ?? '').slice(0, 1),
      );
    }
    return out;
  }
}
