import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { alertApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityScorecard } from '@ai-platform/plugin-ai-platform-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ComplianceApi, complianceApiRef } from '../../api/compliance';
import { entity } from '../testEntities';
import { ComplianceScorecardCard } from './ComplianceScorecardCard';

const MODEL = 'resource:default/recsys-ranker';
const model = entity(
  'Resource',
  'recsys-ranker',
  'ai-model',
  'group:default/recsys',
);
const service = entity(
  'Component',
  'web-frontend',
  'website',
  'group:default/recsys',
);

const scorecard: EntityScorecard = {
  entityRef: MODEL,
  kind: 'Resource',
  type: 'ai-model',
  ownerRef: 'group:default/recsys',
  level: 'bronze',
  counts: { pass: 1, fail: 1, exempt: 1, error: 0 },
  evaluatedAt: '2026-11-29T10:00:00.000Z',
  results: [
    {
      checkId: 'owner-set',
      title: 'Has an owner',
      level: 'bronze',
      category: 'ownership',
      status: 'pass',
      value: 'group:default/recsys',
      expected: 'present',
      message: 'The owner is set',
      remediation: 'Set spec.owner',
    },
    {
      checkId: 'card-completeness',
      title: 'Model card completeness',
      level: 'silver',
      category: 'documentation',
      status: 'fail',
      value: 0.44,
      expected: 'at least 0.6',
      message: '4 of 9 areas documented',
      remediation: 'Document the missing areas in the model card',
      remediationUrl: 'https://docs.example.com/model-cards',
    },
    {
      checkId: 'human-oversight',
      title: 'Human oversight documented',
      level: 'gold',
      category: 'documentation',
      status: 'exempt',
      value: false,
      expected: 'equal to true',
      message: 'Not documented',
      remediation: 'Describe who oversees the model',
      exemption: {
        id: 'ex-1',
        entityRef: MODEL,
        checkId: 'human-oversight',
        reason: 'Internal ranking model, reviewed weekly',
        approvedBy: 'user:default/alice',
        expiresAt: '2027-01-31T00:00:00.000Z',
        createdBy: 'user:default/bob',
        createdAt: '2026-11-01T00:00:00.000Z',
      },
    },
  ],
};

const alertApi = { post: jest.fn(), alert$: jest.fn() };

async function renderCard(of: Entity, api: Partial<ComplianceApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [complianceApiRef, api],
        [alertApiRef, alertApi],
      ]}
    >
      <EntityProvider entity={of}>
        <ComplianceScorecardCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ComplianceScorecardCard', () => {
  beforeEach(() => alertApi.post.mockReset());

  it('shows the level, the counts and each check by category with how to fix failures', async () => {
    const getScorecard = jest.fn(async () => scorecard);
    await renderCard(model, { getScorecard });
    expect(await screen.findByText('Bronze')).toBeInTheDocument();
    expect(getScorecard).toHaveBeenCalledWith(MODEL);
    expect(screen.getByTestId('scorecard-counts')).toHaveTextContent(
      '1 passed, 1 failed, 1 exempt',
    );

    const docs = screen.getByRole('region', { name: 'Documentation' });
    const [failed, exempt] = within(docs).getAllByTestId('check-result');
    expect(failed).toHaveTextContent('Model card completeness');
    expect(failed).toHaveTextContent('Value 0.44, expected at least 0.6');
    expect(failed).toHaveTextContent('4 of 9 areas documented');
    expect(failed).toHaveTextContent(
      'How to fix: Document the missing areas in the model card',
    );
    expect(
      within(failed).getByRole('link', { name: /Read more/ }),
    ).toHaveAttribute('href', 'https://docs.example.com/model-cards');
    expect(within(failed).getByTitle('Failed')).toBeInTheDocument();
    expect(exempt).toHaveTextContent(
      'Exempt: Internal ranking model, reviewed weekly (approved by alice, until 31 Jan 2027)',
    );
    expect(exempt).not.toHaveTextContent('How to fix');

    const ownership = screen.getByRole('region', { name: 'Ownership' });
    const passed = within(ownership).getByTestId('check-result');
    expect(passed).toHaveTextContent('Has an owner');
    expect(passed).not.toHaveTextContent('How to fix');
    expect(within(passed).getByTitle('Passed')).toBeInTheDocument();

    expect(
      screen.getByRole('button', { name: 'Markdown' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'PDF' })).toBeInTheDocument();
  });

  it('re-evaluates and shows the new scorecard', async () => {
    let finish: (s: EntityScorecard) => void = () => {};
    const evaluate = jest.fn(
      () => new Promise<EntityScorecard>(resolve => (finish = resolve)),
    );
    await renderCard(model, { getScorecard: async () => scorecard, evaluate });
    fireEvent.click(await screen.findByRole('button', { name: 'Re-evaluate' }));
    expect(
      await screen.findByRole('button', { name: 'Re-evaluating…' }),
    ).toBeDisabled();
    expect(evaluate).toHaveBeenCalledWith(MODEL);
    finish({
      ...scorecard,
      level: 'silver',
      counts: { pass: 2, fail: 0, exempt: 1, error: 0 },
      results: scorecard.results.map(r =>
        r.status === 'fail' ? { ...r, status: 'pass', value: 0.7 } : r,
      ),
    });
    expect(await screen.findByText('Silver')).toBeInTheDocument();
    expect(screen.getByTestId('scorecard-counts')).toHaveTextContent(
      '2 passed, 0 failed, 1 exempt',
    );
    expect(
      screen.getByText('Value 0.7, expected at least 0.6'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/How to fix/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Re-evaluate' })).toBeEnabled();
  });

  it('says when re-evaluation fails', async () => {
    await renderCard(model, {
      getScorecard: async () => scorecard,
      evaluate: async () => {
        throw new Error('Unauthorized');
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Re-evaluate' }));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message: 'Re-evaluation failed: Unauthorized',
        severity: 'error',
      }),
    );
    expect(screen.getByText('Bronze')).toBeInTheDocument();
  });

  it("downloads a model's evidence pack through the api", async () => {
    const createObjectURL = jest.fn(() => 'blob:evidence');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const blob = new Blob(['%PDF'], { type: 'application/pdf' });
    const getEvidencePack = jest.fn(async () => blob);
    await renderCard(model, {
      getScorecard: async () => scorecard,
      getEvidencePack,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'PDF' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(getEvidencePack).toHaveBeenCalledWith(MODEL, 'pdf');
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    const anchor = click.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(anchor.download).toBe('evidence-pack-recsys-ranker.pdf');
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:evidence');
    click.mockRestore();
  });

  it('offers no evidence pack for entities other than models', async () => {
    await renderCard(service, {
      getScorecard: async () => ({
        ...scorecard,
        entityRef: 'component:default/web-frontend',
        kind: 'Component',
      }),
    });
    expect(await screen.findByText('Bronze')).toBeInTheDocument();
    expect(screen.queryByText('Evidence pack')).toBeNull();
  });

  it('says when no check applies yet', async () => {
    await renderCard(service, { getScorecard: async () => undefined });
    expect(
      await screen.findByText('No compliance checks apply to this entity yet.'),
    ).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'Error', message: 'database unavailable' },
        response: { statusCode: 500 },
      }),
      { status: 500, headers: { 'content-type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderCard(model, {
      getScorecard: async () => {
        throw error;
      },
    });
    expect(
      await screen.findByText(/Could not load the compliance scorecard/),
    ).toBeInTheDocument();
  });
});
