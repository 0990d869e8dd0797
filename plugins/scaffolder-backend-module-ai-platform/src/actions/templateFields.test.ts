import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { workspaceInputSchema } from '@ai-platform/plugin-ai-platform-common';

const root = path.resolve(__dirname, '../../../..');
const read = (file: string) =>
  yaml.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const properties = (template: any) =>
  Object.assign({}, ...template.spec.parameters.map((p: any) => p.properties));

const templates = [
  'ml-workspace',
  'gpu-quota',
  'feature-view',
  'model-registry-entry',
  'ml-pipeline',
];

describe('the golden-path templates', () => {
  it.each(templates)('%s asks for one of your teams', name => {
    expect(
      properties(read(`templates/${name}/template.yaml`)).team['ui:field'],
    ).toBe('MyGroupsPicker');
  });

  it.each(templates.filter(name => name !== 'gpu-quota'))(
    '%s names its entity with the entity name picker',
    name => {
      expect(
        properties(read(`templates/${name}/template.yaml`)).name['ui:field'],
      ).toBe('EntityNamePicker');
    },
  );
});

describe('the ml-workspace template', () => {
  const template = read('templates/ml-workspace/template.yaml');
  const image = properties(template).image;

  it('leaves the choice of images to the config the workspace step checks', () => {
    expect(image['ui:field']).toBe('WorkspaceImagePicker');
    expect(image.enum).toBeUndefined();
    expect(image.default).toBeUndefined();
    expect(template.spec.parameters[0].required).not.toContain('image');
    const step = template.spec.steps.find(
      (s: any) => s.action === 'ai-platform:workspace:create',
    );
    expect(step.input.image).toBe('${{ parameters.image }}');
  });

  it("offers images in the portal's config that a workspace accepts", () => {
    const images: string[] =
      read('app-config.yaml').aiPlatform.workspace.images;
    expect(images.length).toBeGreaterThan(0);
    for (const ref of images) {
      expect(workspaceInputSchema.shape.image.safeParse(ref).success).toBe(
        true,
      );
    }
  });
});
