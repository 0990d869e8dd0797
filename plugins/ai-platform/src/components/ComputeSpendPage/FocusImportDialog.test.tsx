import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FocusFileRefusedError, SpendApi, spendApiRef } from '../../api/spend';
import { ComputeSpendPage } from './ComputeSpendPage';

// usePermission caches decisions across renders; each test sets the decision it needs.
const mockPermission = { allowed: true };
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: () => ({ loading: false, allowed: mockPermission.allowed }),
}));

const file = new File(
  ['BillingPeriodStart,EffectiveCost\n'],
  'aws-2026-11.csv',
  {
    type: 'text/csv',
  },
);

function spendApi(importFocus: SpendApi['importFocus']) {
  return {
    getSpendSeries: jest.fn(async () => ({
      currency: 'USD',
      granularity: 'day' as const,
      dimension: 'team' as const,
      periods: [],
      points: [],
    })),
    getTeamSpend: jest.fn(async () => ({
      currency: 'USD',
      from: '2026-10-31',
      to: '2026-11-29',
      items: [],
      total: {
        cost: 0,
        previousCost: 0,
        gpuHours: 0,
        idleCost: 0,
        energy: {
          energyKwh: 0,
          estimatedEnergyKwh: 0,
          facilityEnergyKwh: 0,
          carbonKg: 0,
          waterLitres: 0,
        },
      },
    })),
    listSpendSources: jest.fn(async () => []),
    importFocus: jest.fn(importFocus),
  };
}

/** Renders the page, opens the dialog, chooses the file and imports it. */
async function importFile(api: Partial<SpendApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[spendApiRef, api]]}>
      <ComputeSpendPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  fireEvent.click(
    await screen.findByRole('button', { name: 'Import FOCUS file' }),
  );
  const dialog = await screen.findByRole('dialog');
  fireEvent.change(within(dialog).getByTestId('focus-file'), {
    target: { files: [file] },
  });
  expect(within(dialog).getByText('aws-2026-11.csv')).toBeInTheDocument();
  fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
  return dialog;
}

describe('Import FOCUS file', () => {
  beforeEach(() => {
    mockPermission.allowed = true;
  });

  it('imports the file, shows what changed and reloads the spend', async () => {
    const api = spendApi(async () => ({
      importId: 'imp-1',
      rows: 1200,
      inserted: 1000,
      updated: 150,
      unchanged: 50,
    }));
    const dialog = await importFile(api);
    expect(
      await within(dialog).findByText('Imported 1,200 rows'),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      '1,000 inserted, 150 updated, 50 unchanged.',
    );
    expect(api.importFocus).toHaveBeenCalledWith(file, 'aws-2026-11.csv');
    await waitFor(() => expect(api.getTeamSpend).toHaveBeenCalledTimes(2));
    expect(api.getSpendSeries).toHaveBeenCalledTimes(2);
  });

  it('lists every problem of a refused file by line', async () => {
    const api = spendApi(async () => {
      throw new FocusFileRefusedError(
        'FOCUS file refused, nothing imported: line 3, EffectiveCost: must be a decimal number (and 1 more)',
        [
          {
            line: 3,
            column: 'EffectiveCost',
            message: 'must be a decimal number',
          },
          { line: 7, message: 'has 4 fields, the header 5' },
        ],
      );
    });
    const dialog = await importFile(api);
    expect(
      await within(dialog).findByText('Nothing imported: 2 problems'),
    ).toBeInTheDocument();
    const rows = within(
      within(dialog).getByRole('table', { name: 'Problems by line' }),
    ).getAllByRole('row');
    expect(rows.map(r => r.textContent)).toEqual([
      'LineColumnProblem',
      'line 3EffectiveCostmust be a decimal number',
      'line 7–has 4 fields, the header 5',
    ]);
    expect(api.getTeamSpend).toHaveBeenCalledTimes(1);
  });

  it('shows a refusal for want of the permission with its name', async () => {
    const api = spendApi(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message:
                'You do not have the ai-platform.spend.import permission',
            },
            response: { statusCode: 403 },
          }),
          {
            status: 403,
            statusText: 'Forbidden',
            headers: { 'content-type': 'application/json' },
          },
        ),
      );
    });
    const dialog = await importFile(api);
    expect(await within(dialog).findByText('Not imported')).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'You do not have the ai-platform.spend.import permission',
    );
  });

  it('offers no import to people without the permission', async () => {
    mockPermission.allowed = false;
    await renderInTestApp(
      <TestApiProvider apis={[[spendApiRef, spendApi(jest.fn())]]}>
        <ComputeSpendPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('No spend yet')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Import FOCUS file' }),
    ).not.toBeInTheDocument();
  });
});
