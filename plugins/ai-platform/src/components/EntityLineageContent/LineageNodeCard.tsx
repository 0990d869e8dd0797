import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityRefLink,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import {
  AiResourceType,
  findAiEntityType,
  ModelDriftStatus,
} from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { DriftStatusChip } from '../shared/drift';
import { money } from '../shared/spend';
import { LineageNode } from './lineage';

/** Wide enough for a title and two chips; columns wrap into more of these. */
export const NODE_WIDTH = 230;

/** The figures of other domains a node shows; undefined where the caller may not read them. */
export interface LineageFigures {
  drift?: Map<string, ModelDriftStatus>;
  spend?: { currency: string; byTeam: Map<string, number> };
}

function DriftChip(props: { status?: ModelDriftStatus }) {
  if (!props.status) {
    return <Chip size="small" variant="outlined" label="No drift monitoring" />;
  }
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
      <Typography variant="caption">Drift</Typography>
      <DriftStatusChip status={props.status} />
    </Box>
  );
}

/** One entity of the lineage: its link, type, owner, drift (models) and its team's spend. */
export function LineageNodeCard(props: {
  node: LineageNode;
  figures: LineageFigures;
  current?: boolean;
}) {
  const { node, figures, current } = props;
  const { entity } = node;
  if (!entity) {
    return (
      <Card
        variant="outlined"
        role="listitem"
        sx={{
          p: 1.5,
          width: NODE_WIDTH,
          bgcolor: 'action.disabledBackground',
          color: 'text.disabled',
        }}
      >
        <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
          {node.ref}
        </Typography>
        <Typography variant="caption">not in the catalog</Typography>
      </Card>
    );
  }
  const info = findAiEntityType(entity.kind, entity.spec?.type);
  const owner = getEntityRelations(entity, RELATION_OWNED_BY)[0];
  const { drift, spend } = figures;
  const teamSpend = owner && spend?.byTeam.get(stringifyEntityRef(owner));
  return (
    <Card
      variant="outlined"
      role="listitem"
      aria-current={current || undefined}
      sx={{
        p: 1.5,
        width: NODE_WIDTH,
        ...(current && { borderColor: 'primary.main', borderWidth: 2 }),
      }}
    >
      <Typography variant="subtitle2" sx={{ overflowWrap: 'anywhere' }}>
        <EntityRefLink entityRef={entity} hideIcon />
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {/* The model's titles are plural ("AI models"); a node is one of them. */}
        {info?.title.replace(/s$/, '')}
        {owner && (
          <>
            {' · '}
            <EntityRefLink entityRef={owner} defaultKind="group" hideIcon />
          </>
        )}
      </Typography>
      <Stack direction="row" flexWrap="wrap" gap={0.5} sx={{ mt: 1 }}>
        {info?.type === AiResourceType.aiModel && drift && (
          <DriftChip status={drift.get(node.ref)} />
        )}
        {spend && teamSpend !== undefined && (
          <Chip
            size="small"
            variant="outlined"
            label={`Team: ${money(spend.currency).format(
              teamSpend,
            )} this month`}
            title="Month-to-date compute spend of the owning team"
          />
        )}
      </Stack>
    </Card>
  );
}
