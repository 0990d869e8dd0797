import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PoolsApi, poolsApiRef } from '../../api/pools';
import { InventoryImportDialog } from './InventoryImportDialog';

const csv = `index, uuid, name, memory.total [MiB]
0, GPU-912c06d9-f952-11b8-1d13-7f0ccac39584, NVIDIA H100 80GB HBM3, 81559 MiB
`;

const catalogApi = {
  getEntities: jest.fn(async () => ({
    items: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'cluster-a',
          namespace: 'default',
          title: 'Cluster A',
        },
      },
    ],
  })),
};

const responseError = (status: number, statusText: string, message: string) =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      { status, statusText, headers: { 'content-type': 'application/json' } },
    ),
  );

/** Renders the dialog, chooses the cluster, pastes the output and imports it. */
async function importOutput(pools: Partial<PoolsApi>, content = csv) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [poolsApiRef, pools],
        [catalogApiRef, catalogApi],
      ]}
    >
      <InventoryImportDialog onClose={jest.fn()} />
    </TestApiProvider>,
  );
  const dialog = await screen.findByRole('dialog');
  fireEvent.mouseDown(await within(dialog).findByRole('combobox'));
  fireEvent.click(await screen.findByRole('option', { name: 'Cluster A' }));
  fireEvent.change(within(dialog).getByLabelText('nvidia-smi output'), {
    target: { value: content },
  });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
  return dialog;
}

describe('InventoryImportDialog', () => {
  it("imports a cluster's nvidia-smi CSV and shows the GPUs per model", async () => {
    const pools = {
      importInventory: jest.fn(async () => ({
        devices: [
          {
            uuid: 'GPU-912c06d9-f952-11b8-1d13-7f0ccac39584',
            gpuModel: 'NVIDIA-H100-80GB-HBM3',
            memoryMiB: 81559,
          },
        ],
        pools: [
          {
            clusterRef: 'resource:default/cluster-a',
            gpuModel: 'NVIDIA-H100-80GB-HBM3',
            memoryGiB: 80,
            capacity: 1,
            syncedAt: '2026-11-29T10:00:00.000Z',
          },
        ],
      })),
    };
    const dialog = await importOutput(pools);
    expect(
      await within(dialog).findByText('1 GPU imported'),
    ).toBeInTheDocument();
    const rows = within(
      within(dialog).getByRole('table', { name: 'Imported GPUs by model' }),
    ).getAllByRole('row');
    expect(
      within(rows[1])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['NVIDIA-H100-80GB-HBM3', '1', '80 GiB']);
    expect(pools.importInventory).toHaveBeenCalledWith({
      clusterRef: 'resource:default/cluster-a',
      format: 'nvidia-smi-csv',
      content: csv,
    });
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'resource', 'spec.type': 'gpu-cluster' },
      }),
    );
  });

  it("shows the parser's message verbatim and sends XML as XML", async () => {
    const pools = {
      importInventory: jest.fn(async () => {
        throw await responseError(
          400,
          'Bad Request',
          'content: gpu 2: <product_name> is missing',
        );
      }),
    };
    const dialog = await importOutput(
      pools,
      '<?xml version="1.0" ?>\n<nvidia_smi_log></nvidia_smi_log>',
    );
    expect(await within(dialog).findByText('Not imported')).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'content: gpu 2: <product_name> is missing',
    );
    expect(dialog).toHaveTextContent('Read as nvidia-smi -q -x XML');
    await waitFor(() =>
      expect(pools.importInventory).toHaveBeenCalledWith(
        expect.objectContaining({ format: 'nvidia-smi-xml' }),
      ),
    );
  });

  it('shows a refusal for want of the permission with its name', async () => {
    const pools = {
      importInventory: jest.fn(async () => {
        throw await responseError(
          403,
          'Forbidden',
          'You do not have the ai-platform.inventory.import permission',
        );
      }),
    };
    const dialog = await importOutput(pools);
    expect(await within(dialog).findByText('Not imported')).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'You do not have the ai-platform.inventory.import permission',
    );
  });
});
