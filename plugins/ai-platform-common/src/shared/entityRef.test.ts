import { entityRefSchema } from './entityRef';

describe('entityRefSchema', () => {
  const group = entityRefSchema({ kind: 'group' });

  it.each([
    ['group:default/recsys', 'group:default/recsys'],
    ['  group:default/recsys ', 'group:default/recsys'],
    // Kept as given: membership is compared with what the identity carries.
    ['Group:default/RecSys', 'Group:default/RecSys'],
    ['group:recsys', 'group:recsys'],
  ])('takes %p as %p', (input, output) => {
    expect(group.parse(input)).toBe(output);
  });

  it.each([['resource:default/cluster-a'], ['recsys'], [''], ['group:'], [42]])(
    'refuses %p naming the kind it wants',
    input => {
      const result = group.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.success ? '' : result.error.issues[0].message).toBe(
        'must be a group entity ref such as group:default/name',
      );
    },
  );

  it('normalises to the catalog form when asked, with a default kind', () => {
    const model = entityRefSchema({ defaultKind: 'resource', normalize: true });
    expect(model.parse('fraud-scorer')).toBe('resource:default/fraud-scorer');
    expect(model.parse('Resource:ML/Fraud-Scorer')).toBe(
      'resource:ml/fraud-scorer',
    );
    expect(model.safeParse('resource:').success).toBe(false);
  });
});
