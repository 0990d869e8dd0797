import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { driftFacts } from './drift';
import { entityFacts } from './entity';
import { lineageFacts } from './lineage';
import { findModelCard } from './modelCard';
import { approvalsOf, teamFacts } from './team';

const resource = (
  name: string,
  type: string,
  extra: { annotations?: Record<string, string>; spec?: object } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations: extra.annotations },
  spec: { type, owner: 'group:default/risk', ...extra.spec },
});

describe('entityFacts', () => {
  it('reads owner, on-call, lifecycle, risk class and oversight from the catalog', () => {
    const facts = entityFacts(
      resource('fraud-scorer', 'ai-model', {
        annotations: {
          'opsgenie.com/team': 'fraud-oncall',
          'ai-platform.io/risk-level': 'high',
          'ai-platform.io/human-oversight': 'user:default/ana.lopez',
        },
        spec: { lifecycle: 'production' },
      }),
    );
    expect(facts['entity.owner'].value).toBe('group:default/risk');
    expect(facts['entity.onCall']).toEqual({
      value: 'fraud-oncall',
      source: 'catalog opsgenie.com/team',
    });
    expect(facts['entity.lifecycle'].value).toBe('production');
    expect(facts['entity.riskClass'].value).toBe('high');
    expect(facts['entity.humanOversightContact'].value).toBe(
      'user:default/ana.lopez',
    );
  });

  it('falls back to the model registry entry, and says null when nothing names it', () => {
    const bare = resource('m', 'ai-model');
    expect(entityFacts(bare)['entity.onCall'].value).toBeNull();
    expect(entityFacts(bare)['entity.humanOversightContact'].value).toBeNull();
    const facts = entityFacts(bare, {
      humanOversightContact: 'user:default/bo',
      riskClass: 'high',
    } as any);
    expect(facts['entity.humanOversightContact']).toEqual({
      value: 'user:default/bo',
      source: 'model registry',
    });
    expect(facts['entity.riskClass'].source).toBe('model registry');
  });
});

describe('lineageFacts', () => {
  const dataset = resource('payments', 'dataset', {
    annotations: {
      'ai-platform.io/data-residency': 'eu-west-1',
      'ai-platform.io/encryption': 'aws-kms',
    },
  });
  const raw = resource('raw-events', 'dataset');
  const view = resource('velocity', 'feature-view', {
    spec: { dependsOn: ['resource:default/payments'] },
  });
  const byRef = new Map(
    [dataset, raw, view].map(e => [`resource:default/${e.metadata.name}`, e]),
  );

  it('follows dependsOn through feature views to datasets', () => {
    const model = resource('m', 'ai-model', {
      spec: { dependsOn: ['resource:velocity'] },
    });
    const facts = lineageFacts(model, byRef);
    expect(facts['lineage.present'].value).toBe(true);
    expect(facts['lineage.datasets'].value).toBe(1);
    expect(facts['lineage.datasetRefs'].value).toBe(
      'resource:default/payments',
    );
    expect(facts['dataset.residency'].value).toBe('eu-west-1');
    expect(facts['dataset.encryption'].value).toBe('aws-kms');
  });

  it('names the datasets that lack residency, and no lineage without data upstream', () => {
    const model = resource('m', 'ai-model', {
      spec: { dependsOn: ['resource:default/velocity', 'resource:raw-events'] },
    });
    const facts = lineageFacts(model, byRef);
    expect(facts['dataset.residency']).toMatchObject({
      value: null,
      problem:
        'resource:default/raw-events without ai-platform.io/data-residency',
    });
    const alone = lineageFacts(
      resource('m', 'ai-model', { spec: { dependsOn: ['resource:nowhere'] } }),
      byRef,
    );
    expect(alone['lineage.present'].value).toBe(false);
    expect(alone['lineage.datasets'].value).toBe(0);
  });

  it("reads a dataset's own annotations", () => {
    expect(lineageFacts(raw, byRef)['dataset.residency'].value).toBeNull();
    expect(lineageFacts(dataset, byRef)['dataset.encryption'].value).toBe(
      'aws-kms',
    );
  });
});

describe('teamFacts', () => {
  const group = (budget?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'risk',
      annotations: budget ? { 'ai-platform.io/monthly-budget': budget } : {},
    },
    spec: { type: 'team', children: [] },
  });
  const quota = (status: string) =>
    ({
      id: status,
      teamRef: 'group:default/risk',
      clusterRef: 'resource:default/cluster-a',
      gpuModel: 'H100',
      gpuCount: 4,
      status,
      decidedBy: 'user:default/admin',
      decidedAt: '2026-11-01T00:00:00Z',
    } as any);

  it('counts approved quotas and reads the budget', () => {
    const approvals = approvalsOf(
      ['approved', 'denied', 'requested', 'active'].map(quota),
    );
    expect(approvals.map(a => a.id)).toEqual(['approved', 'active']);
    const facts = teamFacts(group('12000'), approvals);
    expect(facts['team.budgetSet'].value).toBe(true);
    expect(facts['quota.approvals'].value).toBe(2);
  });

  it('says why a budget is not set', () => {
    expect(teamFacts(group(), [])['team.budgetSet'].value).toBe(false);
    expect(teamFacts(group('lots'), [])['team.budgetSet']).toMatchObject({
      value: false,
      problem: 'ai-platform.io/monthly-budget is not a number: lots',
    });
    expect(teamFacts(undefined, [])['team.budgetSet'].value).toBe(false);
  });
});

describe('driftFacts', () => {
  it('is monitored with a status when drift has results', () => {
    expect(driftFacts()['drift.monitored'].value).toBe(false);
    const facts = driftFacts({ status: 'drifting', evaluatedAt: 'x' } as any);
    expect(facts['drift.monitored'].value).toBe(true);
    expect(facts['drift.status'].value).toBe('drifting');
  });
});

describe('findModelCard', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cards-'));
    await fs.mkdir(path.join(dir, 'model-cards'));
    await fs.writeFile(
      path.join(dir, 'model-cards', 'm.md'),
      '---\nlicense: mit\n---\n# M',
    );
    await fs.writeFile(
      path.join(dir, 'model-cards', 'm.json'),
      '{"model_details":{}}',
    );
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const model = (card?: string, location = `file:${dir}/catalog.yaml`) =>
    resource('m', 'ai-model', {
      annotations: {
        'backstage.io/managed-by-location': location,
        ...(card ? { 'ai-platform.io/model-card': card } : {}),
      },
    });

  it('reads a path relative to the entity file, Markdown or JSON', async () => {
    await expect(
      findModelCard(model('./model-cards/m.md'), {}),
    ).resolves.toEqual({
      text: '---\nlicense: mit\n---\n# M',
      source: './model-cards/m.md',
      format: 'markdown',
    });
    await expect(
      findModelCard(model('model-cards/m.json'), {}),
    ).resolves.toMatchObject({
      format: 'json',
    });
  });

  it('turns a missing file, a path outside and a failing URL into problems', async () => {
    await expect(findModelCard(model('./nope.md'), {})).resolves.toEqual({
      problem: 'could not read ./nope.md: ENOENT',
      source: './nope.md',
    });
    await expect(
      findModelCard(model('../../etc/passwd'), {}),
    ).resolves.toMatchObject({
      problem: '../../etc/passwd points outside the catalog files',
    });
    const urlReader = {
      readUrl: jest.fn().mockRejectedValue(new Error('404 Not Found')),
    } as any;
    await expect(
      findModelCard(model('https://example.com/card.md'), { urlReader }),
    ).resolves.toEqual({
      problem: 'could not read https://example.com/card.md: 404 Not Found',
      source: 'https://example.com/card.md',
    });
    expect(await findModelCard(model(), {})).toBeUndefined();
  });

  it("prefers the portal registry's card of a registered model, and reads URLs", async () => {
    const registryCard = jest.fn().mockResolvedValue('# card');
    await expect(
      findModelCard(model('./model-cards/m.md'), { registryCard }, 'fraud'),
    ).resolves.toEqual({
      text: '# card',
      source: 'model registry fraud',
      format: 'markdown',
    });
    const urlReader = {
      readUrl: jest
        .fn()
        .mockResolvedValue({ buffer: async () => Buffer.from('{"a":1}') }),
    } as any;
    await expect(
      findModelCard(
        model('card.json', 'url:https://git.example.com/repo/catalog.yaml'),
        { urlReader },
      ),
    ).resolves.toEqual({
      text: '{"a":1}',
      source: 'https://git.example.com/repo/card.json',
      format: 'json',
    });
  });
});
