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

// The templates that commit to the GitOps repository (all but the quota request): locally unless
// the user picks a pull request.
const publishing = templates.filter(name => name !== 'gpu-quota');

describe('the golden-path templates', () => {
  it.each(templates)('%s asks for one of your teams', name => {
    expect(
      properties(read(`templates/${name}/template.yaml`)).team['ui:field'],
    ).toBe('MyGroupsPicker');
  });

  it.each(publishing)(
    '%s names its entity with the entity name picker',
    name => {
      expect(
        properties(read(`templates/${name}/template.yaml`)).name['ui:field'],
      ).toBe('EntityNamePicker');
    },
  );
});

describe('where the golden-path templates publish', () => {
  describe.each(publishing)('%s', name => {
    const template = read(`templates/${name}/template.yaml`);
    const page = template.spec.parameters.find(
      (p: any) => p.properties?.publishTo,
    );
    const step = (id: string) =>
      template.spec.steps.find((s: any) => s.id === id);

    it("asks where the files go, the portal's local GitOps repository by default", () => {
      expect(page.properties.publishTo).toMatchObject({
        type: 'string',
        default: 'local',
        enum: ['local', 'pull-request'],
      });
      expect(page.properties.publishTo.enumNames).toHaveLength(2);
      expect(page.required).toContain('publishTo');
    });

    it('asks for the GitHub repository with the RepoUrlPicker only when a pull request is chosen', () => {
      // No free-text repository URL on any page.
      expect(properties(template).gitopsRepoUrl).toBeUndefined();
      const [local, pullRequest] = page.dependencies.publishTo.oneOf;
      expect(local).toEqual({ properties: { publishTo: { enum: ['local'] } } });
      expect(pullRequest.properties.publishTo).toEqual({
        enum: ['pull-request'],
      });
      expect(pullRequest.properties.gitopsRepoUrl).toMatchObject({
        type: 'string',
        'ui:field': 'RepoUrlPicker',
        'ui:options': { allowedHosts: ['github.com'] },
      });
      expect(pullRequest.required).toEqual(['gitopsRepoUrl']);
    });

    it('commits locally unless the user chose a pull request, which opens one in the picked repository', () => {
      expect(step('publish-local')).toMatchObject({
        action: 'ai-platform:publish:local',
        if: "${{ parameters.publishTo != 'pull-request' }}",
      });
      expect(step('publish-pr')).toMatchObject({
        action: 'publish:github:pull-request',
        if: "${{ parameters.publishTo == 'pull-request' }}",
        input: { repoUrl: '${{ parameters.gitopsRepoUrl }}' },
      });
    });
  });

  it('runs on a backend that installs the action opening the pull request', () => {
    expect(
      fs.readFileSync(path.join(root, 'packages/backend/src/index.ts'), 'utf8'),
    ).toContain("import('@backstage/plugin-scaffolder-backend-module-github')");
  });
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
