import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import {
  cronProblem,
  PIPELINE_FINAL_STEPS,
  PIPELINE_ORCHESTRATORS,
  pipelineInputSchema,
  QUALITY_CHECKS,
  qualityRuleSchema,
} from '@ai-platform/plugin-ai-platform-common';

const template = yaml.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../templates/ml-pipeline/template.yaml'),
    'utf8',
  ),
);
const pages: any[] = template.spec.parameters;
const properties = Object.assign({}, ...pages.map(page => page.properties));
const step = template.spec.steps.find(
  (s: any) => s.action === 'ai-platform:pipeline:create',
);
const shape = pipelineInputSchema.innerType().shape;
const rule = properties.qualityChecks.items;
const ruleBranches: any[] = rule.dependencies.check.oneOf;

/** The create step's input for the form's `parameters`, as the scaffolder renders it. */
function stepInput(parameters: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(step.input).map(([key, value]) => {
      const name = /^\$\{\{ parameters\.(\w+) \}\}$/.exec(value as string)?.[1];
      return [key, name ? parameters[name] : value];
    }),
  );
}

/** The form's defaults. */
const defaults = Object.fromEntries(
  Object.entries(properties).flatMap(([key, p]: [string, any]) =>
    'default' in p ? [[key, p.default]] : [],
  ),
);

describe('templates/ml-pipeline', () => {
  it('gives the create step every field of the common input, each from the form', () => {
    expect(Object.keys(step.input).sort()).toEqual(Object.keys(shape).sort());
    const pipeline = pipelineInputSchema.safeParse(
      stepInput({
        ...defaults,
        name: 'ranker-retrain',
        team: 'group:default/recsys',
        inputs: ['resource:default/clickstream-events'],
        gpuCount: 2,
        qualityChecks: [
          { check: 'unique', column: 'event_id' },
          { check: 'row_count_min', value: 1000 },
        ],
      }),
    );
    expect(pipeline.error?.issues).toBeUndefined();
    expect(pipeline.data).toMatchObject({
      orchestrator: 'airflow',
      schedule: '0 2 * * *',
      timezone: 'UTC',
      finalStep: 'train',
      image: 'ghcr.io/acme/ml-pipeline:1.0',
      gpuCount: 2,
    });
  });

  it('offers exactly the common orchestrators and last steps, each titled', () => {
    expect(properties.orchestrator.enum).toEqual([...PIPELINE_ORCHESTRATORS]);
    expect(properties.orchestrator.enumNames).toHaveLength(
      PIPELINE_ORCHESTRATORS.length,
    );
    expect(properties.finalStep.enum).toEqual([...PIPELINE_FINAL_STEPS]);
    expect(properties.finalStep.enumNames).toHaveLength(
      PIPELINE_FINAL_STEPS.length,
    );
  });

  it('asks for names the common schema takes, so its form refuses what the backend would', () => {
    const accepts = (value: string) =>
      new RegExp(properties.name.pattern).test(value);
    for (const name of ['ranker-retrain', 'a', 'x'.repeat(52)]) {
      expect([name, accepts(name)]).toEqual([name, true]);
      expect(shape.name.safeParse(name).success).toBe(true);
    }
    for (const name of [
      'Ranker',
      'ranker_retrain',
      '-a',
      'a-',
      'x'.repeat(53),
    ]) {
      expect([name, accepts(name)]).toEqual([name, false]);
      expect(shape.name.safeParse(name).success).toBe(false);
    }
  });

  it('picks the schedule with the cron field, as a plain string both orchestrators read', () => {
    const { schedule, timezone } = properties;
    expect(schedule).toMatchObject({
      type: 'string',
      'ui:field': 'CronSchedulePicker',
      default: '0 2 * * *',
    });
    expect(cronProblem(schedule.default)).toBeUndefined();
    expect(timezone).toMatchObject({ type: 'string', default: 'UTC' });
  });

  it('picks inputs among datasets and feature views and outputs among those and models', () => {
    expect(properties.inputs['ui:field']).toBe('MultiEntityPicker');
    expect(properties.inputs['ui:options'].catalogFilter).toEqual({
      kind: 'Resource',
      'spec.type': ['dataset', 'feature-view'],
    });
    expect(properties.outputs['ui:field']).toBe('MultiEntityPicker');
    expect(properties.outputs['ui:options'].catalogFilter).toEqual({
      kind: 'Resource',
      'spec.type': ['dataset', 'feature-view', 'ai-model'],
    });
  });

  it('asks for GPUs, 0 to 64, only when the last step trains', () => {
    const page = pages.find(p => p.properties.finalStep);
    const [train, publish] = page.dependencies.finalStep.oneOf;
    expect(train.properties.finalStep.enum).toEqual(['train']);
    expect(train.properties.gpuCount).toMatchObject({
      type: 'integer',
      minimum: 0,
      maximum: 64,
    });
    expect(publish.properties).toEqual({ finalStep: { enum: ['publish'] } });
    expect(
      pipelineInputSchema.safeParse(
        stepInput({
          ...defaults,
          name: 'catalog-export',
          team: 'group:default/recsys',
          inputs: ['resource:default/clickstream-events'],
          finalStep: 'publish',
        }),
      ).success,
    ).toBe(true);
  });

  it('offers the common data-quality checks, titled, each asking for the fields it needs', () => {
    expect(rule.properties.check.enum).toEqual([...QUALITY_CHECKS]);
    expect(rule.properties.check.enumNames).toHaveLength(QUALITY_CHECKS.length);
    expect(ruleBranches.flatMap(b => b.properties.check.enum).sort()).toEqual(
      [...QUALITY_CHECKS].sort(),
    );
    const sample: Record<string, unknown> = {
      column: 'event_type',
      value: 5,
      values: ['view', 'click'],
    };
    for (const branch of ruleBranches) {
      for (const check of branch.properties.check.enum) {
        const fields = Object.fromEntries(
          branch.required.map((field: string) => [field, sample[field]]),
        );
        // What the branch asks for is what the common schema needs of the check.
        expect([
          check,
          qualityRuleSchema.safeParse({ check, ...fields }).success,
        ]).toEqual([check, true]);
        for (const field of branch.required) {
          const { [field]: _, ...without } = fields;
          expect([
            check,
            field,
            qualityRuleSchema.safeParse({ check, ...without }).success,
          ]).toEqual([check, field, false]);
        }
      }
    }
  });
});
