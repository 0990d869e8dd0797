import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import {
  modelRegistryEntryInputSchema,
  ModelRegistryEntryInput,
  renderModelCard,
} from '@ai-platform/plugin-ai-platform-common';
import { publishToNewGitopsRepo } from '../__testUtils__/gitops';
import {
  errorAnswer,
  TEST_API_URL as apiUrl,
  testBackendClient,
} from '../__testUtils__/backend';
import {
  createModelRegistryEntryAction,
  documentedAreas,
} from './createModelRegistryEntry';
import { createModelRegistryEntryExamples } from './createModelRegistryEntry.examples';

const [highRisk, minimalRisk] = createModelRegistryEntryExamples.map(
  e => yaml.parse(e.example).steps[0].input,
);
const mlflowUrl = 'http://mlflow:5000/#/models/card-fraud-scorer';
const entriesUrl = `${apiUrl}/ai-platform/model-registry/entries`;

describe('ai-platform:model-registry:create', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createModelRegistryEntryAction({
    client: testBackendClient(),
  });
  let workspacePath: string;
  let calls: {
    method: string;
    url: string;
    body?: unknown;
    idempotencyKey?: string | null;
  }[];
  let entries: Map<string, ModelRegistryEntryInput>;
  let answer: { status: number; message?: string } | undefined;
  let cardAnswer: number | undefined;

  beforeEach(() => {
    workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'mr-action-'));
    calls = [];
    entries = new Map();
    answer = undefined;
    cardAnswer = undefined;
    server.use(
      http.post(entriesUrl, async ({ request }) => {
        const body = (await request.json()) as ModelRegistryEntryInput;
        calls.push({
          method: 'POST',
          url: request.url,
          body,
          idempotencyKey: request.headers.get('idempotency-key'),
        });
        if (answer) return errorAnswer(answer.status, answer.message);
        if (request.url.endsWith('dryRun=true')) {
          return HttpResponse.json({}, { status: 200 });
        }
        entries.set(body.name, body);
        const mlflow = body.sourceUri
          ? { registeredModel: body.name, version: '1', url: mlflowUrl }
          : undefined;
        return HttpResponse.json(
          { entry: { id: 'mr-1', ...body, mlflow } },
          { status: 201 },
        );
      }),
      // The backend's card of what it stored, as the route answers it.
      http.get(`${entriesUrl}/:name/model-card`, ({ request, params }) => {
        calls.push({ method: 'GET', url: request.url });
        const entry = entries.get(params.name as string);
        if (cardAnswer) return errorAnswer(cardAnswer, 'the card is not there');
        if (!entry) return errorAnswer(404, `No model named ${params.name}`);
        return new HttpResponse(
          renderModelCard({
            ...entry,
            createdBy: 'user:default/guest',
            ownerTitle: 'Fraud Detection',
          }),
          { headers: { 'content-type': 'text/markdown; charset=utf-8' } },
        );
      }),
    );
  });

  const cardOf = (team: string, name: string) => {
    const file = path.join(workspacePath, 'models', team, name, 'README.md');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  };
  const written = () =>
    fs.existsSync(path.join(workspacePath, 'models'))
      ? fs.readdirSync(path.join(workspacePath, 'models'))
      : [];

  it("registers its documented example and writes the backend's model card as the model's README.md", async () => {
    const ctx = createMockActionContext({ input: highRisk, workspacePath });
    await action.handler(ctx);

    // The backend gets exactly the common input, once, with a retry key; then the card is read.
    expect(calls).toEqual([
      {
        method: 'POST',
        url: entriesUrl,
        body: modelRegistryEntryInputSchema.parse(highRisk),
        idempotencyKey: expect.stringMatching(/^scaffolder-task:/),
      },
      { method: 'GET', url: `${entriesUrl}/card-fraud-scorer/model-card` },
    ]);
    const card = cardOf('fraud-detection', 'card-fraud-scorer')!;
    expect(card).toContain('# Model card for card-fraud-scorer');
    expect(card).toContain(
      '- **Provider (team):** Fraud Detection (group:default/fraud-detection)',
    );
    const frontMatter = yaml.parse(card.split('---\n')[1]);
    expect(frontMatter.pipeline_tag).toBe('tabular-classification');
    expect(frontMatter.ai_act.risk_class).toBe('high');

    const repoPath = 'models/fraud-detection/card-fraud-scorer';
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/card-fraud-scorer',
    );
    expect(ctx.output).toHaveBeenCalledWith('repoPath', repoPath);
    expect(ctx.output).toHaveBeenCalledWith(
      'modelCardPath',
      `${repoPath}/README.md`,
    );
    expect(ctx.output).toHaveBeenCalledWith('mlflowUrl', mlflowUrl);
    // Purpose, metrics, training data and oversight: four of nine.
    expect(ctx.output).toHaveBeenCalledWith('documentedAreas', 4);
    expect(ctx.output).toHaveBeenCalledWith('missingAreas', [
      'Development methods, design choices and compute used',
      'Monitoring, functioning and control',
      'Risk management',
      'Changes over the lifecycle',
      'Post-market monitoring',
    ]);
  });

  it('gives no MLflow link for a model MLflow did not register, and counts what a short entry documents', async () => {
    const ctx = createMockActionContext({ input: minimalRisk, workspacePath });
    await action.handler(ctx);
    expect(ctx.output).not.toHaveBeenCalledWith('mlflowUrl', expect.anything());
    expect(ctx.output).toHaveBeenCalledWith('documentedAreas', 1);
    expect(cardOf('recsys', 'ticket-router')).toContain(
      '**Missing:** the data the model was trained on',
    );
  });

  it('checks with the backend, shows the card it would write and records nothing in a dry run', async () => {
    const ctx = {
      ...createMockActionContext({ input: highRisk, workspacePath }),
      isDryRun: true,
    };
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx);
    expect(calls.map(c => `${c.method} ${c.url}`)).toEqual([
      `POST ${entriesUrl}?dryRun=true`,
    ]);
    expect(entries.size).toBe(0);
    expect(ctx.output).not.toHaveBeenCalledWith('mlflowUrl', expect.anything());
    expect(ctx.output).toHaveBeenCalledWith('documentedAreas', 4);
    const card = cardOf('fraud-detection', 'card-fraud-scorer');
    expect(card).toContain('# Model card for card-fraud-scorer');
    expect(info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Dry run: models/fraud-detection/card-fraud-scorer/README.md would be\n---\n',
      ),
    );
  });

  it.each([
    [
      'a prohibited practice',
      { riskClass: 'unacceptable' },
      'riskClass: a prohibited practice under Article 5 of the EU AI Act cannot be registered',
    ],
    [
      'a high-risk model nobody oversees',
      { humanOversightContact: '' },
      'humanOversightContact: a high-risk system must name who oversees it (Article 14)',
    ],
    [
      'a name the catalog and MLflow cannot both take',
      { name: 'Card_Fraud' },
      'name: must be a lowercase name of letters, digits and dashes (at most 63)',
    ],
    [
      'a metric without a name',
      { evaluationMetrics: [{ name: ' ', value: 0.5 }] },
      'evaluationMetrics.0.name: must name the metric',
    ],
  ])(
    'refuses %s naming the field, before calling anything',
    async (_, change, message) => {
      const ctx = createMockActionContext({
        input: { ...highRisk, ...change },
        workspacePath,
      });
      await expect(action.handler(ctx)).rejects.toThrow(message);
      expect(calls).toEqual([]);
      expect(written()).toEqual([]);
    },
  );

  it.each([
    [
      400,
      'InputError',
      'trainingData[1]: there is no dataset or feature view resource:default/card-velocity-features in the catalog',
    ],
    [
      403,
      'NotAllowedError',
      'teamRef: you are not a member of group:default/fraud-detection',
    ],
    [
      409,
      'ConflictError',
      'name: a model named card-fraud-scorer is already registered',
    ],
    [
      503,
      'ServiceUnavailableError',
      'MLflow could not register card-fraud-scorer, so nothing was recorded: connection refused',
    ],
  ])(
    "surfaces the backend's %s as a %s with its message, writing no card",
    async (status, name, message) => {
      answer = { status, message };
      const ctx = createMockActionContext({ input: highRisk, workspacePath });
      const error = await action.handler(ctx).catch(e => e);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.message).toContain(message);
      expect(calls.map(c => c.method)).toEqual(['POST']);
      expect(written()).toEqual([]);
    },
  );

  it("fails without a card when the recorded entry's card cannot be read", async () => {
    cardAnswer = 500;
    const ctx = createMockActionContext({ input: highRisk, workspacePath });
    await expect(action.handler(ctx)).rejects.toThrow();
    expect(written()).toEqual([]);
  });

  it('commits the model card into the local GitOps repository', async () => {
    await action.handler(
      createMockActionContext({ input: minimalRisk, workspacePath }),
    );
    const { files } = await publishToNewGitopsRepo(workspacePath, {
      sourcePath: 'models/recsys/ticket-router',
      commitMessage: 'Register model ticket-router',
    });
    expect(files).toEqual(['models/recsys/ticket-router/README.md']);
  });
});

describe('documentedAreas', () => {
  it('reads the ai_act block of the front matter and nothing of the body', () => {
    const card = renderModelCard(
      modelRegistryEntryInputSchema.parse({ ...minimalRisk }),
    );
    expect(documentedAreas(card).documented).toEqual([
      'General description and intended purpose',
    ]);
    // A body that claims more does not count.
    expect(
      documentedAreas(`${card}\nstatus: documented\n`).documented,
    ).toHaveLength(1);
    expect(documentedAreas('# No front matter').documented).toEqual([]);
    expect(documentedAreas('# No front matter').missing).toHaveLength(9);
  });
});
