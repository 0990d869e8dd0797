import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@mui/material/Grid';
import { groupByAiType, useAiEntities } from '../shared/useAiEntities';
import { EntityTypeCard } from './EntityTypeCard';
import { GpuCapacityCard } from './GpuCapacityCard';
import { RejectedEntitiesPanel } from './RejectedEntitiesPanel';

function OverviewContent() {
  const { loading, error, value: entities } = useAiEntities();
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load the platform's entities"
      />
    );
  }
  if (!entities || entities.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No AI platform entities yet"
        description="Register GPU clusters, datasets, pipelines and models in the catalog with the types of the AI Platform entity model, and they show up here."
      />
    );
  }
  return (
    <Grid container spacing={2}>
      {groupByAiType(entities).map(({ info, entities: ofType }) => (
        <Grid
          item
          xs={12}
          sm={6}
          md={4}
          lg={3}
          key={`${info.kind}:${info.type}`}
        >
          <EntityTypeCard info={info} entities={ofType} />
        </Grid>
      ))}
      <Grid item xs={12}>
        <GpuCapacityCard />
      </Grid>
    </Grid>
  );
}

/** The "AI Platform" page: the platform's entities by type, and its GPU capacity. */
export function OverviewPage() {
  return (
    <Page themeId="tool">
      <Header
        title="AI Platform"
        subtitle="Compute, data and models of every team"
      />
      <Content>
        <RejectedEntitiesPanel />
        <OverviewContent />
      </Content>
    </Page>
  );
}
