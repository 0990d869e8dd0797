import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { fabricApiRef } from '../../api/fabric';
import {
  AffectedTeamsList,
  FabricHealthChip,
  FabricRefLink,
  FabricSourceBanners,
  linkEnds,
  SummaryFigures,
} from '../NetworkFabricPage/health';
import { CardFallback } from '../shared/CardFallback';

/** The card lists this many of the fabric's worst links and differences from its declaration. */
const LISTED = 5;

/** Which source fell behind, asked only once the summary says it is stale. */
function StaleSources() {
  const api = useApi(fabricApiRef);
  const { loading, error, value } = useAsync(() => api.getSources(), [api]);
  if (loading) return <Progress />;
  if (error) {
    return (
      <Typography variant="body2" color="warning.main" sx={{ mb: 1 }}>
        Which source fell behind could not be read: {error.message}
      </Typography>
    );
  }
  return <FabricSourceBanners sources={value!} />;
}

/**
 * Entity card for `network-fabric` Resources, and for `gpu-cluster` Resources through their
 * fabric: its health, worst links with their reasons, and the teams whose work they hurt.
 */
export function FabricHealthCard() {
  const { entity } = useEntity();
  const api = useApi(fabricApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { loading, error, value } = useAsync(
    () => api.getSummary(entityRef),
    [api, entityRef],
  );
  if (loading || error) {
    return (
      <CardFallback
        title="Network fabric"
        error={error}
        errorTitle="Could not load the fabric's health"
      />
    );
  }
  if (!value) {
    return (
      <InfoCard title="Network fabric">
        <Typography color="text.secondary">
          No fabric data for this entity yet. It appears once a source reports
          its links: the infiniband-exporter or DCGM through Prometheus, NVIDIA
          UFM, Topograph's node labels, or a topology declared on the entity.
        </Typography>
      </InfoCard>
    );
  }
  const summary = value;
  return (
    <InfoCard
      title="Network fabric"
      subheader={
        summary.fabricRef !== entityRef ? (
          // One span: the header lays its parts out in a flex row, which drops edge spaces.
          <span>
            Fabric <FabricRefLink fabricRef={summary.fabricRef} />
            {summary.clusterRef &&
              ": this cluster's nodes and the switches above them"}
          </span>
        ) : undefined
      }
    >
      {summary.stale && <StaleSources />}
      <SummaryFigures summary={summary} teams={false} />

      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Worst links
      </Typography>
      {summary.worstLinks.length ? (
        summary.worstLinks.slice(0, LISTED).map(link => (
          <Box key={link.id} sx={{ mb: 1 }} data-testid="worst-link">
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <Typography variant="body2">{linkEnds(link)}</Typography>
              <FabricHealthChip health={link.health} stale={link.stale} />
            </Box>
            {link.reasons.length > 0 && (
              <Typography variant="body2" color="text.secondary">
                {link.reasons.join('; ')}
              </Typography>
            )}
          </Box>
        ))
      ) : (
        <Typography variant="body2" color="text.secondary">
          No unhealthy link reported.
        </Typography>
      )}

      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Teams affected
      </Typography>
      <AffectedTeamsList
        teams={summary.affectedTeams}
        empty="No team's work runs behind an unhealthy link."
      />

      {summary.differences.length > 0 && (
        <>
          <Typography variant="subtitle2" sx={{ mt: 2 }}>
            Differs from the declared topology ({summary.differences.length})
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {summary.differences.slice(0, LISTED).map(d => (
              <Typography
                component="li"
                variant="body2"
                key={`${d.kind}:${d.linkId}`}
              >
                {d.message}
              </Typography>
            ))}
          </Box>
        </>
      )}
    </InfoCard>
  );
}
