import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  ComplianceHeatmap,
  NO_OWNER,
} from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { categoryLabel } from '../ComplianceScorecardCard/levels';

export const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 0,
});

const NO_CHECKS = '#e0e0e0';

/** Red at 0, amber at a half, green when every check passes. */
export function passRateColor(passRate: number | null): string {
  if (passRate === null) return NO_CHECKS;
  const clamped = Math.min(1, Math.max(0, passRate));
  return `hsl(${Math.round(clamped * 120)}, 70%, 78%)`;
}

function teamName(teamRef: string): string {
  if (teamRef === NO_OWNER) return 'No owner';
  return humanizeEntityRef(parseEntityRef(teamRef, { defaultKind: 'group' }), {
    defaultKind: 'group',
  });
}

/** Team × category: each cell coloured by its pass rate, with the number failed. */
export function ComplianceHeatmapTable(props: { heatmap: ComplianceHeatmap }) {
  const { categories, teams } = props.heatmap;
  return (
    <>
      <TableContainer>
        <Table size="small" aria-label="Pass rate by team and category">
          <TableHead>
            <TableRow>
              <TableCell>Team</TableCell>
              {categories.map(c => (
                <TableCell key={c} align="center">
                  {categoryLabel(c)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {teams.map(team => {
              const cells = new Map(team.cells.map(c => [c.category, c]));
              return (
                <TableRow key={team.teamRef}>
                  <TableCell component="th" scope="row">
                    {team.teamRef === NO_OWNER ? (
                      teamName(team.teamRef)
                    ) : (
                      <EntityRefLink
                        entityRef={team.teamRef}
                        defaultKind="group"
                      />
                    )}
                  </TableCell>
                  {categories.map(category => {
                    const cell = cells.get(category);
                    const passRate = cell?.passRate ?? null;
                    const label =
                      passRate === null
                        ? `${teamName(team.teamRef)}, ${categoryLabel(
                            category,
                          )}: no applicable checks`
                        : `${teamName(team.teamRef)}, ${categoryLabel(
                            category,
                          )}: ${percent.format(passRate)} passed, ${
                            cell!.failed
                          } failed`;
                    return (
                      <TableCell
                        key={category}
                        align="center"
                        aria-label={label}
                        title={label}
                        data-testid="heatmap-cell"
                        sx={{
                          bgcolor: passRateColor(passRate),
                          color: 'rgba(0, 0, 0, 0.87)',
                          border: '2px solid',
                          borderColor: 'background.paper',
                          minWidth: 88,
                        }}
                      >
                        {passRate === null ? (
                          <Typography variant="body2" color="text.disabled">
                            –
                          </Typography>
                        ) : (
                          <>
                            <Typography
                              variant="body2"
                              sx={{ fontWeight: 600 }}
                            >
                              {percent.format(passRate)}
                            </Typography>
                            <Typography variant="caption">
                              {cell!.failed} failed
                            </Typography>
                          </>
                        )}
                      </TableCell>
                    );
                  })}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Box
        sx={{ display: 'flex', gap: 2, alignItems: 'center', mt: 1.5 }}
        aria-hidden
      >
        {[0, 0.5, 1].map(rate => (
          <Box
            key={rate}
            sx={{ display: 'flex', gap: 0.5, alignItems: 'center' }}
          >
            <Box sx={{ width: 14, height: 14, bgcolor: passRateColor(rate) }} />
            <Typography variant="caption">
              {percent.format(rate)} passed
            </Typography>
          </Box>
        ))}
        <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center' }}>
          <Box sx={{ width: 14, height: 14, bgcolor: NO_CHECKS }} />
          <Typography variant="caption">no applicable checks</Typography>
        </Box>
      </Box>
    </>
  );
}
