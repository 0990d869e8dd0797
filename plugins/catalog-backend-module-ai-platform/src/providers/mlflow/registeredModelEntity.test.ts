import { makeValidator } from '@backstage/catalog-model';
import {
  aliasesSummary,
  latestVersionsSummary,
  modelTags,
  portalEntityRefOf,
  registeredModelEntityName,
  registeredModelToEntity,
} from './registeredModelEntity';

const context = {
  providerName: 'mlflow-registry-provider:prod',
  registryId: 'prod',
  ownerTag: 'team',
};

describe('registeredModelEntityName', () => {
  const { isValidEntityName } = makeValidator();

  it('keeps mlflow-<name> when it is a valid name', () => {
    expect(registeredModelEntityName('fraud_detector.v2')).toBe(
      'mlflow-fraud_detector.v2',
    );
  });

  it('makes other names valid, deterministic and distinct', () => {
    const spaced = registeredModelEntityName('fraud detector');
    const other = registeredModelEntityName('fraud/detector');
    const long = registeredModelEntityName('m'.repeat(200));
    const symbols = registeredModelEntityName('***');
    for (const name of [spaced, other, long, symbols]) {
      expect(isValidEntityName(name)).toBe(true);
    }
    expect(spaced).toMatch(/^mlflow-fraud-detector-[0-9a-f]{8}$/);
    expect(other).toMatch(/^mlflow-fraud-detector-[0-9a-f]{8}$/);
    expect(other).not.toBe(spaced);
    expect(registeredModelEntityName('fraud detector')).toBe(spaced);
    expect(long).toHaveLength(63);
    expect(symbols).toMatch(/^mlflow-[0-9a-f]{8}$/);
  });
});

describe('summaries', () => {
  it('lists the latest versions by number, with their stages', () => {
    expect(
      latestVersionsSummary([
        { version: '10', current_stage: 'Staging' },
        { version: '3', current_stage: 'Production' },
        { version: '11', current_stage: 'None' },
        { version: '12' },
        { current_stage: 'Archived' },
      ]),
    ).toBe('3 (Production), 10 (Staging), 11, 12');
    expect(latestVersionsSummary(undefined)).toBeUndefined();
    expect(latestVersionsSummary([])).toBeUndefined();
  });

  it('lists the aliases by name', () => {
    expect(
      aliasesSummary([
        { alias: 'champion', version: '3' },
        { alias: 'challenger', version: '4' },
        { alias: '', version: '1' },
        { version: '2' },
      ]),
    ).toBe('challenger=4, champion=3');
    expect(aliasesSummary(undefined)).toBeUndefined();
  });
});

describe('tags', () => {
  it('reads [{ key, value }] and the portal tag', () => {
    const model = {
      tags: [
        { key: 'team', value: 'recsys' },
        { key: 'flag' },
        { value: 'no key' },
        { key: 'ai-platform.io/entity-ref', value: 'resource:default/m' },
      ],
    };
    expect(modelTags(model)).toEqual({
      team: 'recsys',
      flag: '',
      'ai-platform.io/entity-ref': 'resource:default/m',
    });
    expect(portalEntityRefOf(model)).toBe('resource:default/m');
    expect(
      portalEntityRefOf({ tags: [{ key: 'ai-platform.io/entity-ref' }] }),
    ).toBeUndefined();
    expect(portalEntityRefOf({})).toBeUndefined();
  });
});

describe('registeredModelToEntity', () => {
  it('leaves out a model without a name', () => {
    expect(registeredModelToEntity({ name: ' ' }, context)).toEqual({
      skipped: 'it has no name',
      problems: [],
    });
  });

  it('leaves a blank description out', () => {
    const { entity } = registeredModelToEntity(
      { name: 'm', description: '  ', tags: [{ key: 'team', value: 'a' }] },
      context,
    );
    expect(entity?.metadata).not.toHaveProperty('description');
  });
});
