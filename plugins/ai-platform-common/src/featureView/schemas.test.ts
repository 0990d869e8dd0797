import { featureViewInputSchema } from './schemas';

const view = (name: string) => ({
  name,
  teamRef: 'group:default/recsys',
  datasetRef: 'resource:default/clickstream-events',
  entity: { name: 'user', joinKeys: ['user_id'] },
  features: [{ name: 'views_7d', dtype: 'Int64' }],
  ttlSeconds: 86_400,
});

describe('featureViewInputSchema', () => {
  it.each(['user_activity', 'views7d', 'a', 'x'.repeat(63)])(
    'takes %s as a name',
    name => {
      expect(featureViewInputSchema.safeParse(view(name)).success).toBe(true);
    },
  );

  // Each would be a Python identifier but not a catalog entity name.
  it.each(['_user', 'user_', 'user__activity', '7d_views', 'x'.repeat(64)])(
    'refuses %s as a name',
    name => {
      const result = featureViewInputSchema.safeParse(view(name));
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([
        expect.objectContaining({
          path: ['name'],
          message: expect.stringContaining('it names the catalog entity'),
        }),
      ]);
    },
  );

  it('fills in the defaults', () => {
    expect(featureViewInputSchema.parse(view('user_activity'))).toMatchObject({
      online: true,
      tags: {},
      description: '',
    });
  });
});
