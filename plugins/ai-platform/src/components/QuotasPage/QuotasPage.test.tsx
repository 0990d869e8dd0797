import { identityApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { QuotaRequest } from '@ai-platform/plugin-ai-platform-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { poolsApiRef } from '../../api/pools';
import { QuotaApi, quotaApiRef } from '../../api/quota';
import { QuotasPage } from './QuotasPage';

// usePermission caches decisions across renders; each test sets the decision it needs.
const mockPermission = { allowed: false };
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: () => ({ loading: false, allowed: mockPermission.allowed }),
}));

const pending: QuotaRequest = {
  id: 'q-1',
  teamRef: 'group:default/recsys',
  clusterRef: 'resource:default/cluster-b',
  gpuModel: 'H200-SXM-141GB',
  gpuCount: 12,
  startsAt: '2026-12-01T00:00:00.000Z',
  endsAt: '2026-12-04T00:00:00.000Z',
  preemptible: false,
  justification: 'Hyper-parameter sweep',
  status: 'requested',
  requestedBy: 'user:default/priya.raman',
  createdAt: '2026-11-23T10:00:00.000Z',
};

function renderPage(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  mockPermission.allowed = result === AuthorizeResult.ALLOW;
  let quotas = [pending];
  const api: Partial<QuotaApi> = {
    getAllocation: async () => [],
    listQuotas: jest.fn(async (filter?: { statuses?: string[] }) =>
      quotas.filter(
        q => !filter?.statuses || filter.statuses.includes(q.status),
      ),
    ),
    approveQuota: jest.fn(async (id: string) => {
      quotas = quotas.map(q =>
        q.id === id ? { ...q, status: 'approved' as const } : q,
      );
      return quotas[0];
    }),
    denyQuota: jest.fn(),
  };
  const identity = {
    getBackstageIdentity: async () => ({
      type: 'user' as const,
      userEntityRef: 'user:default/priya.raman',
      ownershipEntityRefs: ['user:default/priya.raman', 'group:default/recsys'],
    }),
  };
  return {
    api,
    rendered: renderInTestApp(
      <TestApiProvider
        apis={[
          [quotaApiRef, api],
          [identityApiRef, identity],
          [poolsApiRef, {}],
          [catalogApiRef, { getEntities: async () => ({ items: [] }) }],
        ]}
      >
        <QuotasPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    ),
  };
}

describe('QuotasPage', () => {
  it('lets approvers approve a pending request, then shows it as approved', async () => {
    const { api, rendered } = renderPage(AuthorizeResult.ALLOW);
    await rendered;
    expect(await screen.findByText('Pending requests (1)')).toBeInTheDocument();
    // The permission decision arrives after the list: wait for the button.
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(api.approveQuota).toHaveBeenCalledWith('q-1'));
    expect(await screen.findByText('Pending requests (0)')).toBeInTheDocument();
    expect(await screen.findByText('approved')).toBeInTheDocument();
  });

  it('shows no decision buttons to people without the approve permission', async () => {
    const { rendered } = renderPage(AuthorizeResult.DENY);
    await rendered;
    expect(await screen.findByText('Pending requests (1)')).toBeInTheDocument();
    expect(
      await screen.findByText('Platform admins decide these'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Import inventory' }),
    ).not.toBeInTheDocument();
  });

  it('lets platform admins open the inventory import', async () => {
    const { rendered } = renderPage(AuthorizeResult.ALLOW);
    await rendered;
    fireEvent.click(
      await screen.findByRole('button', { name: 'Import inventory' }),
    );
    expect(
      await screen.findByRole('dialog', { name: 'Import GPU inventory' }),
    ).toBeInTheDocument();
  });

  it('says when there are no pools yet', async () => {
    const { rendered } = renderPage(AuthorizeResult.DENY);
    await rendered;
    expect(await screen.findByText('No GPU pools yet.')).toBeInTheDocument();
  });
});
