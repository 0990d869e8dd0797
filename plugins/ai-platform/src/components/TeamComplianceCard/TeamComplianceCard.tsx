import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { EntityScorecard } from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../../api/compliance';
import {
  categoryLabel,
  LevelBadge,
  LEVELS_SHOWN,
} from '../ComplianceScorecardCard/levels';
import { CardFallback } from '../shared/CardFallback';

const TITLE = 'Compliance';

/** The card lists this many of the team's entities with the most failures. */
const LISTED = 5;

const failures = (s: EntityScorecard) => s.counts.fail + s.counts.error;

/**
 * Entity card for `Group` pages: the team's entities by level, each category's passed and
 * failed checks, and the entities failing most.
 */
export function TeamComplianceCard() {
  const { entity } = useEntity();
  const api = useApi(complianceApiRef);
  const teamRef = stringifyEntityRef(entity);
  const { loading, error, value } = useAsync(
    () => api.getTeamRollup(teamRef),
    [api, teamRef],
  );
  if (loading || error) {
    return (
      <CardFallback
        title={TITLE}
        error={error}
        errorTitle="Could not load the team's compliance"
      />
    );
  }
  const rollup = value!;
  if (!rollup.entities) {
    return (
      <InfoCard title={TITLE}>
        <Typography color="text.secondary">
          No compliance checks apply to this team's entities yet.
        </Typography>
      </InfoCard>
    );
  }
  const worst = rollup.scorecards
    .filter(s => failures(s) > 0)
    .sort((a, b) => failures(b) - failures(a))
    .slice(0, LISTED);

  return (
    <InfoCard
      title={TITLE}
      subheader={`${rollup.entities} ${
        rollup.entities === 1 ? 'entity' : 'entities'
      } with checks`}
    >
      <Box
        sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}
        aria-label="Entities by level"
        role="list"
      >
        {[...LEVELS_SHOWN].reverse().map(level => (
          <Box role="listitem" key={level}>
            <LevelBadge level={level} count={rollup.levels[level] ?? 0} />
          </Box>
        ))}
      </Box>

      <Typography variant="subtitle2" sx={{ mt: 2, mb: 1 }}>
        Checks by category
      </Typography>
      {rollup.categories.map(c => {
        const total = c.passed + c.failed;
        return (
          <Box key={c.category} sx={{ mb: 1 }} data-testid="team-category">
            <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
              <Typography variant="body2">
                {categoryLabel(c.category)}
              </Typography>
              <Typography
                variant="body2"
                color={c.failed ? 'error.main' : 'text.secondary'}
              >
                {c.passed} passed, {c.failed} failed
              </Typography>
            </Box>
            <LinearProgress
              variant="determinate"
              value={total ? (100 * c.passed) / total : 0}
              color={c.failed ? 'warning' : 'success'}
              aria-label={`${categoryLabel(c.category)} passed`}
            />
          </Box>
        );
      })}

      <Typography variant="subtitle2" sx={{ mt: 2, mb: 1 }}>
        Most failures
      </Typography>
      {worst.length ? (
        worst.map(s => (
          <Box
            key={s.entityRef}
            data-testid="worst-entity"
            sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5 }}
          >
            <EntityRefLink entityRef={s.entityRef} title={s.title} />
            <LevelBadge level={s.level} />
            <Typography variant="body2" color="error.main">
              {failures(s)} failed
            </Typography>
          </Box>
        ))
      ) : (
        <Typography variant="body2" color="text.secondary">
          Every check of the team's entities passes or is exempt.
        </Typography>
      )}
    </InfoCard>
  );
}
