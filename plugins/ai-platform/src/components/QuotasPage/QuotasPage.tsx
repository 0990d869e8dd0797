import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import {
  alertApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  inventoryImportPermission,
  QuotaRequest,
  quotaApprovePermission,
} from '@ai-platform/plugin-ai-platform-common';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { quotaApiRef } from '../../api/quota';
import { quotaColumns } from '../shared/quotaColumns';
import { CapacityChart } from './CapacityChart';
import { InventoryImportDialog } from './InventoryImportDialog';

function useRefresh() {
  const [key, setKey] = useState(0);
  return [key, () => setKey(k => k + 1)] as const;
}

/** Runs a quota decision and reports its outcome in the app's alert bar. */
function useQuotaAction(refresh: () => void) {
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<string>();
  const run = async (
    id: string,
    label: string,
    fn: () => Promise<QuotaRequest>,
  ) => {
    setBusy(id);
    try {
      const q = await fn();
      alertApi.post({
        message: `${label}: ${q.gpuCount}× ${q.gpuModel} for ${q.teamRef}`,
        severity: 'success',
        display: 'transient',
      });
      refresh();
    } catch (e) {
      alertApi.post({
        message: `${label} failed: ${(e as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, run };
}

function PendingRequests(props: { refreshKey: number; refresh: () => void }) {
  const api = useApi(quotaApiRef);
  const { allowed: canApprove } = usePermission({
    permission: quotaApprovePermission,
  });
  const { busy, run } = useQuotaAction(props.refresh);
  const { loading, error, value } = useAsync(
    () => api.listQuotas({ statuses: ['requested'] }),
    [api, props.refreshKey],
  );
  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load pending requests"
      />
    );
  const columns = canApprove
    ? [
        ...quotaColumns,
        {
          title: 'Decision',
          render: (q: QuotaRequest) => (
            <Stack direction="row" spacing={1}>
              <Button
                size="small"
                variant="contained"
                disabled={busy === q.id}
                onClick={() =>
                  run(q.id, 'Approved', () => api.approveQuota(q.id))
                }
              >
                Approve
              </Button>
              <Button
                size="small"
                color="error"
                disabled={busy === q.id}
                onClick={() => run(q.id, 'Denied', () => api.denyQuota(q.id))}
              >
                Deny
              </Button>
            </Stack>
          ),
        },
      ]
    : quotaColumns;
  return (
    <Table<QuotaRequest>
      title={`Pending requests (${value!.length})`}
      subtitle={
        canApprove
          ? 'Requests above a team’s auto-approve limit'
          : 'Platform admins decide these'
      }
      options={{
        paging: value!.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={value!}
      emptyContent={
        <Typography sx={{ p: 2 }} color="text.secondary">
          No requests are waiting for a decision.
        </Typography>
      }
    />
  );
}

function MyTeamsQuotas(props: { refreshKey: number; refresh: () => void }) {
  const api = useApi(quotaApiRef);
  const identityApi = useApi(identityApiRef);
  const { busy, run } = useQuotaAction(props.refresh);
  const { loading, error, value } = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const teams = ownershipEntityRefs.filter(ref => ref.startsWith('group:'));
    return teams.length ? api.listQuotas({ teams }) : [];
  }, [api, identityApi, props.refreshKey]);
  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load your teams' quotas"
      />
    );
  return (
    <Table<QuotaRequest>
      title="Your teams' quotas"
      options={{
        paging: value!.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      columns={[
        ...quotaColumns,
        {
          title: '',
          render: q =>
            q.status === 'approved' || q.status === 'active' ? (
              <Button
                size="small"
                disabled={busy === q.id}
                onClick={() =>
                  run(q.id, 'Released', () => api.releaseQuota(q.id))
                }
              >
                Release
              </Button>
            ) : null,
        },
      ]}
      data={value!}
      emptyContent={
        <Typography sx={{ p: 2 }} color="text.secondary">
          Your teams hold no GPU quota. Ask for some with the “GPU quota”
          template under Create.
        </Typography>
      }
    />
  );
}

/**
 * The "GPU quotas" page: pool capacity against allocation, pending requests, your quotas;
 * platform admins import clusters' nvidia-smi inventory here.
 */
export function QuotasPage() {
  const [refreshKey, refresh] = useRefresh();
  const { allowed: canImport } = usePermission({
    permission: inventoryImportPermission,
  });
  const [importing, setImporting] = useState(false);
  return (
    <Page themeId="tool">
      <Header
        title="GPU quotas"
        subtitle="Capacity, allocation and requests per GPU pool"
      />
      <Content>
        <ContentHeader title="Capacity and allocation">
          {canImport && (
            <Button
              startIcon={<UploadFileIcon />}
              onClick={() => setImporting(true)}
            >
              Import inventory
            </Button>
          )}
        </ContentHeader>
        {importing && (
          <InventoryImportDialog onClose={() => setImporting(false)} />
        )}
        <CapacityChart refreshKey={refreshKey} />
        <Stack spacing={3} sx={{ mt: 3 }}>
          <PendingRequests refreshKey={refreshKey} refresh={refresh} />
          <MyTeamsQuotas refreshKey={refreshKey} refresh={refresh} />
        </Stack>
      </Content>
    </Page>
  );
}
