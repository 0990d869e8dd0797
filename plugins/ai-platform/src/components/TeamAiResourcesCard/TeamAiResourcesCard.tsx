import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@mui/material/Typography';
import { CardFallback } from '../shared/CardFallback';
import { groupByAiType, useAiEntities } from '../shared/useAiEntities';

interface Row {
  id: string;
  entity: Entity;
  typeTitle: string;
}

const columns: TableColumn<Row>[] = [
  { title: 'Type', field: 'typeTitle' },
  { title: 'Name', render: row => <EntityRefLink entityRef={row.entity} /> },
  {
    title: 'Description',
    render: row => row.entity.metadata.description ?? '',
  },
];

/** Entity card for `Group` pages: the AI-platform entities the team owns, by type. */
export function TeamAiResourcesCard() {
  const { entity: group } = useEntity();
  const {
    loading,
    error,
    value: entities,
  } = useAiEntities(stringifyEntityRef(group));

  if (loading || error) {
    return (
      <CardFallback
        title="AI resources"
        error={error}
        errorTitle="Could not load the team's AI resources"
      />
    );
  }
  // Listed in the model's order of types, then by name.
  const rows: Row[] = groupByAiType(entities ?? []).flatMap(
    ({ info, entities: ofType }) =>
      ofType
        .map(entity => ({
          id: stringifyEntityRef(entity),
          entity,
          typeTitle: info.title,
        }))
        .sort((a, b) => a.id.localeCompare(b.id)),
  );
  return (
    <Table<Row>
      title="AI resources"
      subtitle={`${rows.length} owned by ${
        group.metadata.title ?? group.metadata.name
      }`}
      options={{
        paging: rows.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={rows}
      emptyContent={
        <Typography sx={{ p: 2 }} color="text.secondary">
          This team owns no GPU quotas, workspaces, datasets, pipelines or
          models yet.
        </Typography>
      }
    />
  );
}
