import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import {
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import { AiEntityTypeInfo } from '@ai-platform/plugin-ai-platform-common';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';

/** Link to the catalog, filtered to one kind/type pair. */
export function catalogLinkFor(info: AiEntityTypeInfo) {
  const kind = info.kind.toLocaleLowerCase('en-US');
  return `/catalog?filters[kind]=${kind}&filters[type]=${info.type}`;
}

function distinctOwners(entities: Entity[]) {
  const owners = new Map<
    string,
    ReturnType<typeof getEntityRelations>[number]
  >();
  for (const entity of entities) {
    for (const owner of getEntityRelations(entity, RELATION_OWNED_BY)) {
      owners.set(`${owner.kind}:${owner.namespace}/${owner.name}`, owner);
    }
  }
  return [...owners.values()];
}

/** One kind/type of the model: how many there are, who owns them, and where to see them. */
export function EntityTypeCard(props: {
  info: AiEntityTypeInfo;
  entities: Entity[];
}) {
  const { info, entities } = props;
  const owners = distinctOwners(entities);
  return (
    <Card
      variant="outlined"
      sx={{ height: '100%' }}
      data-testid={`type-card-${info.type}`}
    >
      <CardContent>
        <Typography variant="overline" color="text.secondary">
          {info.kind} · {info.type}
        </Typography>
        <Typography variant="h6" component="h2">
          {info.title}
        </Typography>
        <Typography
          variant="h3"
          component="p"
          aria-label={`${info.title} count`}
        >
          {entities.length}
        </Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {info.description}
        </Typography>
        <Typography variant="body2" component="div" gutterBottom>
          {owners.length > 0 ? (
            <>
              Owners: <EntityRefLinks entityRefs={owners} defaultKind="group" />
            </>
          ) : (
            'No owners yet'
          )}
        </Typography>
        <Link to={catalogLinkFor(info)}>View in catalog</Link>
      </CardContent>
    </Card>
  );
}
