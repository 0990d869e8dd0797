import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  humanizeEntityRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  CheckResult,
  CheckStatus,
  EntityScorecard,
} from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DownloadIcon from '@mui/icons-material/Download';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import RefreshIcon from '@mui/icons-material/Refresh';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutline';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef, EvidenceFormat } from '../../api/compliance';
import { CardFallback } from '../shared/CardFallback';
import { categoryLabel, countsText, LevelBadge, levelLabel } from './levels';

const TITLE = 'Compliance';

/** Failures first, then errors, exemptions and passes. */
const STATUS_ORDER: Record<CheckStatus, number> = {
  fail: 0,
  error: 1,
  exempt: 2,
  pass: 3,
};

const STATUS_TEXT: Record<CheckStatus, string> = {
  pass: 'Passed',
  fail: 'Failed',
  exempt: 'Exempt',
  error: 'Could not be evaluated',
};

function StatusIcon(props: { status: CheckStatus }) {
  const label = STATUS_TEXT[props.status];
  const common = { fontSize: 'small' as const, titleAccess: label };
  switch (props.status) {
    case 'pass':
      return <CheckCircleIcon {...common} color="success" />;
    case 'fail':
      return <CancelIcon {...common} color="error" />;
    case 'exempt':
      return <RemoveCircleOutlineIcon {...common} color="disabled" />;
    default:
      return <ErrorOutlineIcon {...common} color="warning" />;
  }
}

/** A fact's value as it is: numbers as numbers, and missing said so. */
export function formatValue(value: CheckResult['value']): string {
  if (value === undefined || value === null) return 'missing';
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? String(value)
      : String(+value.toPrecision(4));
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

function CheckRow(props: { result: CheckResult }) {
  const { result } = props;
  const failed = result.status === 'fail' || result.status === 'error';
  return (
    <Box
      data-testid="check-result"
      sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mb: 1.5 }}
    >
      <Box sx={{ pt: '2px' }}>
        <StatusIcon status={result.status} />
      </Box>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {result.title}{' '}
          <Typography component="span" variant="caption" color="text.secondary">
            ({levelLabel(result.level)})
          </Typography>
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {`Value ${formatValue(result.value)}, expected ${result.expected}`}
        </Typography>
        {result.message && (
          <Typography variant="body2">{result.message}</Typography>
        )}
        {failed && (
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            <strong>How to fix:</strong> {result.remediation}
            {result.remediationUrl && (
              <>
                {' '}
                <Link to={result.remediationUrl}>Read more</Link>
              </>
            )}
          </Typography>
        )}
        {result.status === 'exempt' && result.exemption && (
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            <strong>Exempt:</strong> {result.exemption.reason} (approved by{' '}
            {humanizeEntityRef(parseEntityRef(result.exemption.approvedBy), {
              defaultKind: 'user',
            })}
            , until {dateFormat.format(new Date(result.exemption.expiresAt))})
          </Typography>
        )}
      </Box>
    </Box>
  );
}

function Results(props: { results: CheckResult[] }) {
  const categories = new Map<string, CheckResult[]>();
  for (const r of props.results) {
    categories.set(r.category, [...(categories.get(r.category) ?? []), r]);
  }
  return (
    <>
      {[...categories.entries()].map(([category, results]) => (
        <Box
          key={category}
          component="section"
          aria-label={categoryLabel(category)}
        >
          <Typography variant="subtitle2" sx={{ mt: 2, mb: 1 }}>
            {categoryLabel(category)}
          </Typography>
          {[...results]
            .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
            .map(r => (
              <CheckRow key={r.checkId} result={r} />
            ))}
        </Box>
      ))}
    </>
  );
}

function EvidenceButtons(props: { entityRef: string }) {
  const api = useApi(complianceApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<EvidenceFormat>();
  const download = async (format: EvidenceFormat) => {
    setBusy(format);
    try {
      // Fetched through the fetch api, which adds the user's token; a plain link would not.
      const blob = await api.getEvidencePack(props.entityRef, format);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `evidence-pack-${
        parseEntityRef(props.entityRef).name
      }.${format}`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      alertApi.post({
        message: `The evidence pack could not be downloaded: ${
          (e as Error).message
        }`,
        severity: 'error',
      });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 2 }}>
      <Typography variant="subtitle2">Evidence pack</Typography>
      {(['md', 'pdf'] as const).map(format => (
        <Button
          key={format}
          size="small"
          variant="outlined"
          startIcon={
            busy === format ? <CircularProgress size={14} /> : <DownloadIcon />
          }
          disabled={busy !== undefined}
          onClick={() => download(format)}
        >
          {format === 'md' ? 'Markdown' : 'PDF'}
        </Button>
      ))}
    </Box>
  );
}

/**
 * Entity card for any entity with compliance checks: the level reached, each check by category
 * with its value and how to fix a failure, re-evaluation, and for models their evidence pack.
 */
export function ComplianceScorecardCard() {
  const { entity } = useEntity();
  const api = useApi(complianceApiRef);
  const alertApi = useApi(alertApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { loading, error, value } = useAsync(
    () => api.getScorecard(entityRef),
    [api, entityRef],
  );
  const [evaluated, setEvaluated] = useState<EntityScorecard>();
  const [evaluating, setEvaluating] = useState(false);

  if (loading || error) {
    return (
      <CardFallback
        title={TITLE}
        error={error}
        errorTitle="Could not load the compliance scorecard"
      />
    );
  }
  const scorecard = evaluated?.entityRef === entityRef ? evaluated : value;
  if (!scorecard) {
    return (
      <InfoCard title={TITLE}>
        <Typography color="text.secondary">
          No compliance checks apply to this entity yet.
        </Typography>
      </InfoCard>
    );
  }

  const reevaluate = async () => {
    setEvaluating(true);
    try {
      setEvaluated(await api.evaluate(entityRef));
    } catch (e) {
      alertApi.post({
        message: `Re-evaluation failed: ${(e as Error).message}`,
        severity: 'error',
      });
    } finally {
      setEvaluating(false);
    }
  };

  const isModel =
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === 'ai-model';

  return (
    <InfoCard
      title={TITLE}
      subheader={`Evaluated ${dateTimeFormat.format(
        new Date(scorecard.evaluatedAt),
      )} UTC`}
      action={
        <Button
          size="small"
          startIcon={
            evaluating ? <CircularProgress size={14} /> : <RefreshIcon />
          }
          disabled={evaluating}
          onClick={reevaluate}
          sx={{ mt: 1, mr: 1 }}
        >
          {evaluating ? 'Re-evaluating…' : 'Re-evaluate'}
        </Button>
      }
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
        <LevelBadge level={scorecard.level} size="medium" />
        <Typography variant="body2" data-testid="scorecard-counts">
          {countsText(scorecard.counts)}
        </Typography>
      </Box>
      {scorecard.ownerRef && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Owner:{' '}
          <EntityRefLink entityRef={scorecard.ownerRef} defaultKind="group" />
        </Typography>
      )}
      <Results results={scorecard.results} />
      {isModel && <EvidenceButtons entityRef={entityRef} />}
    </InfoCard>
  );
}
