import { getComponentData } from '@backstage/core-plugin-api';
import { ComponentType, createElement } from 'react';
import * as legacy from './index';
import * as pluginModule from './plugin';
import alphaPlugin from './alpha';

/**
 * Every page, entity card, entity content and scaffolder field, by its legacy export and its
 * /alpha extension id. An app on either frontend system gets the same screens, so adding one
 * to a single side fails here until the other side and this table have it too.
 */
const EXTENSIONS: Record<string, string> = {
  AiPlatformPage: 'page:ai-platform',
  GpuQuotasPage: 'page:ai-platform/quotas',
  ModelDriftPage: 'page:ai-platform/model-drift',
  ComputeSpendPage: 'page:ai-platform/compute-spend',
  NetworkFabricPage: 'page:ai-platform/network-fabric',
  CompliancePage: 'page:ai-platform/compliance',
  EntityClusterPoolsCard: 'entity-card:ai-platform/cluster-pools',
  EntityComplianceScorecardCard: 'entity-card:ai-platform/compliance-scorecard',
  EntityFabricHealthCard: 'entity-card:ai-platform/fabric-health',
  EntityModelDriftCard: 'entity-card:ai-platform/model-drift',
  EntityPipelineRunsCard: 'entity-card:ai-platform/pipeline-runs',
  EntityTeamAiResourcesCard: 'entity-card:ai-platform/team-ai-resources',
  EntityTeamComplianceCard: 'entity-card:ai-platform/team-compliance',
  EntityTeamQuotasCard: 'entity-card:ai-platform/team-quotas',
  EntityTeamSpendCard: 'entity-card:ai-platform/team-spend',
  EntityTrainingEnergyCard: 'entity-card:ai-platform/training-energy',
  EntityLineageContent: 'entity-content:ai-platform/lineage',
  GpuPoolPickerFieldExtension:
    'scaffolder-form-field:ai-platform/gpu-pool-picker',
  CronSchedulePickerFieldExtension:
    'scaffolder-form-field:ai-platform/cron-schedule-picker',
  WorkspaceImagePickerFieldExtension:
    'scaffolder-form-field:ai-platform/workspace-image-picker',
};

// Scaffolder field extensions carry this data instead of the plugin (plugin-scaffolder-react).
const FIELD_EXTENSION_KEY = 'scaffolder.extensions.field.v1';

/** Whether a legacy export is something the plugin provides: a component or a field. */
function isProvided(value: unknown) {
  if (typeof value !== 'function') return false;
  // Component data is read from an element of the component.
  const component = createElement(value as ComponentType);
  return (
    getComponentData(component, 'core.plugin') === legacy.aiPlatformPlugin ||
    getComponentData(component, FIELD_EXTENSION_KEY) !== undefined
  );
}

/**
 * The ids of the /alpha plugin's extensions. The plugin instance lists its resolved extensions
 * but no public API does, so this reads the list and fails loudly if it is ever renamed.
 */
function alphaExtensionIds(): string[] {
  const { extensions } = alphaPlugin as unknown as {
    extensions?: Array<{ id: string }>;
  };
  if (!Array.isArray(extensions) || extensions.length === 0) {
    throw new Error('the /alpha plugin no longer exposes its extensions');
  }
  return extensions.map(e => e.id);
}

describe('exports', () => {
  it('maps every extension the legacy plugin provides to /alpha', () => {
    const provided = Object.entries(legacy)
      .filter(([, value]) => isProvided(value))
      .map(([name]) => name);
    expect(provided.sort()).toEqual(Object.keys(EXTENSIONS).sort());
  });

  it('re-exports everything plugin.ts provides from the package index', () => {
    for (const [name, value] of Object.entries(pluginModule)) {
      expect([name, legacy[name as keyof typeof legacy]]).toEqual([
        name,
        value,
      ]);
    }
  });

  it('maps every page, card, content and field of /alpha to the legacy plugin', () => {
    // APIs are shared through defaultApis and need no legacy component.
    const ids = alphaExtensionIds().filter(id => !id.startsWith('api:'));
    expect(ids.sort()).toEqual(Object.values(EXTENSIONS).sort());
  });

  it.each(Object.entries(EXTENSIONS))(
    '%s is on both sides as %s',
    (name, id) => {
      expect(isProvided(legacy[name as keyof typeof legacy])).toBe(true);
      expect(() => alphaPlugin.getExtension(id as never)).not.toThrow();
    },
  );

  it('declares the same routes on both sides', () => {
    expect(Object.keys(alphaPlugin.routes).sort()).toEqual(
      Object.keys(legacy.aiPlatformPlugin.routes).sort(),
    );
  });
});
