import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import {
  FEATURE_DTYPES,
  featureViewInputSchema,
} from '@ai-platform/plugin-ai-platform-common';

const template = yaml.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../templates/feature-view/template.yaml'),
    'utf8',
  ),
);
const properties = Object.assign(
  {},
  ...template.spec.parameters.map((page: any) => page.properties),
);

describe('templates/feature-view', () => {
  it('offers exactly the common value types', () => {
    expect(properties.features.items.properties.dtype.enum).toEqual([
      ...FEATURE_DTYPES,
    ]);
  });

  it('asks for names the common schema takes, so its form refuses what the backend would', () => {
    const accepts = (pattern: string, value: string) =>
      new RegExp(pattern).test(value);
    const viewName = properties.name.pattern;
    for (const name of ['user_engagement', 'v7d', 'a']) {
      expect(accepts(viewName, name)).toBe(true);
    }
    for (const name of ['_user', 'user_', 'user__x', '7d', 'User']) {
      expect(accepts(viewName, name)).toBe(false);
      expect(
        featureViewInputSchema.safeParse({ name }).error?.issues,
      ).toContainEqual(expect.objectContaining({ path: ['name'] }));
    }
  });

  it('gives the create step every field of the common input', () => {
    const step = template.spec.steps.find(
      (s: any) => s.action === 'ai-platform:feature-view:create',
    );
    expect(Object.keys(step.input).sort()).toEqual(
      Object.keys(featureViewInputSchema.innerType().shape).sort(),
    );
    expect(Object.keys(step.input.entity).sort()).toEqual([
      'description',
      'joinKeys',
      'name',
    ]);
  });
});
