import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { WorkspaceApi, workspaceApiRef } from '../../api/workspace';
import { WorkspaceImagePicker } from './WorkspaceImagePicker';

// The stepper scrolls to the top of each step, which jsdom does not implement.
beforeAll(() => {
  window.scrollTo = jest.fn();
});

const PYTORCH = 'quay.io/jupyter/pytorch-notebook:cuda12-2024-11-18';
const NVIDIA = 'nvcr.io/nvidia/pytorch:24.10-py3';

/** The picker in the scaffolder's own form; `onCreate` receives what the form sends. */
async function renderForm(listImages: WorkspaceApi['listImages']) {
  const onCreate = jest.fn(async () => {});
  await renderInTestApp(
    <TestApiProvider apis={[[workspaceApiRef, { listImages }]]}>
      <Stepper
        manifest={{
          title: 'New workspace',
          steps: [
            {
              title: 'Workspace',
              schema: {
                type: 'object',
                properties: {
                  image: {
                    type: 'string',
                    title: 'Image',
                    'ui:field': 'WorkspaceImagePicker',
                  },
                },
              },
            },
          ],
        }}
        extensions={[
          { name: 'WorkspaceImagePicker', component: WorkspaceImagePicker },
        ]}
        onCreate={onCreate}
      />
    </TestApiProvider>,
  );
  return onCreate;
}

async function create(onCreate: jest.Mock) {
  fireEvent.click(screen.getByRole('button', { name: 'Review' }));
  const button = await screen.findByRole('button', { name: 'Create' });
  // The stepper updates its state once onCreate resolves.
  await act(async () => {
    fireEvent.click(button);
  });
  return onCreate.mock.calls[0][0];
}

describe('WorkspaceImagePicker', () => {
  it('offers the platform images, the default chosen until another is picked', async () => {
    const onCreate = await renderForm(async () => [PYTORCH, NVIDIA]);
    const select = await screen.findByRole('combobox', { name: /Image/ });
    expect(select).toHaveTextContent(`${PYTORCH} (default)`);
    fireEvent.mouseDown(select);
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      `${PYTORCH} (default)`,
      NVIDIA,
    ]);
    fireEvent.click(options[1]);
    expect(await create(onCreate)).toEqual({ image: NVIDIA });
  });

  it('takes any image reference where the platform offers no list', async () => {
    const onCreate = await renderForm(async () => []);
    fireEvent.change(await screen.findByRole('textbox', { name: 'Image' }), {
      target: { value: 'docker.io/library/python:3.12' },
    });
    expect(await create(onCreate)).toEqual({
      image: 'docker.io/library/python:3.12',
    });
  });

  it('says so and takes a typed image when the list cannot be read', async () => {
    await renderForm(async () => {
      throw new Error('503 Service Unavailable');
    });
    expect(
      await screen.findByText(
        /Could not load the images the platform offers \(503 Service Unavailable\); type one/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Image' })).toBeEnabled();
  });
});
