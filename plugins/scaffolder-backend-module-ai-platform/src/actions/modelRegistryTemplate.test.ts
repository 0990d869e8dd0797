import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import {
  modelRegistryEntryInputSchema,
  RISK_CLASS_INFO,
  RISK_LEVELS,
} from '@ai-platform/plugin-ai-platform-common';
import { createModelRegistryEntryExamples } from './createModelRegistryEntry.examples';

const template = yaml.parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../../templates/model-registry-entry/template.yaml',
    ),
    'utf8',
  ),
);
const pages: any[] = template.spec.parameters;
const properties = Object.assign({}, ...pages.map(page => page.properties));
const shape = modelRegistryEntryInputSchema.innerType().shape;
const example = yaml.parse(createModelRegistryEntryExamples[0].example).steps[0]
  .input;
/** The common schema's issues of the example with `change`, by field. */
const issuesOf = (change: Record<string, unknown>) =>
  (
    modelRegistryEntryInputSchema.safeParse({ ...example, ...change }).error
      ?.issues ?? []
  ).map(issue => issue.path.join('.'));

describe('templates/model-registry-entry', () => {
  it('offers the risk classes of the common schema, labelled and explained as the portal explains them', () => {
    const { riskClass } = properties;
    expect(riskClass.enum).toEqual([...RISK_LEVELS]);
    expect(riskClass.enumNames).toEqual(
      RISK_LEVELS.map(level => RISK_CLASS_INFO[level].label),
    );
    expect(riskClass.enumNames[RISK_LEVELS.indexOf('unacceptable')]).toBe(
      'Prohibited',
    );
    for (const level of RISK_LEVELS) {
      const { label, implies } = RISK_CLASS_INFO[level];
      expect(riskClass.description).toContain(`- **${label}:** ${implies}\n`);
    }
  });

  it('offers only task tags the common schema takes', () => {
    expect(properties.task.enum.length).toBeGreaterThan(10);
    for (const task of properties.task.enum) {
      expect([task, issuesOf({ task })]).toEqual([task, []]);
    }
  });

  it('asks for names the common schema takes, so its form refuses what the backend would', () => {
    const accepts = (value: string) =>
      new RegExp(properties.name.pattern).test(value);
    for (const name of ['fraud-scorer', 'm1', 'a']) {
      expect([name, accepts(name), issuesOf({ name })]).toEqual([
        name,
        true,
        [],
      ]);
    }
    for (const name of ['Fraud', 'fraud_scorer', '-fraud', 'fraud-', 'a.b']) {
      expect([name, accepts(name)]).toEqual([name, false]);
      expect(issuesOf({ name })).toContain('name');
    }
    expect(properties.intendedPurpose.minLength).toBe(20);
    expect(issuesOf({ intendedPurpose: 'x'.repeat(19) })).toContain(
      'intendedPurpose',
    );
  });

  it('requires a human oversight contact for a high-risk system, as the common schema does', () => {
    const page = pages.find(p => p.properties.riskClass);
    expect(page.if).toEqual({
      required: ['riskClass'],
      properties: { riskClass: { const: 'high' } },
    });
    expect(page.then).toEqual({ required: ['humanOversightContact'] });
    expect(
      issuesOf({ riskClass: 'high', humanOversightContact: undefined }),
    ).toEqual(['humanOversightContact']);
  });

  it('picks training data among the catalog datasets and feature views', () => {
    expect(properties.trainingData.items['ui:options'].catalogFilter).toEqual([
      { kind: 'Resource', 'spec.type': 'dataset' },
      { kind: 'Resource', 'spec.type': 'feature-view' },
    ]);
  });

  it('gives the create step every field of the common input, and the metrics every field of a metric', () => {
    const step = template.spec.steps.find(
      (s: any) => s.action === 'ai-platform:model-registry:create',
    );
    expect(Object.keys(step.input).sort()).toEqual(Object.keys(shape).sort());
    expect(
      Object.keys(properties.evaluationMetrics.items.properties).sort(),
    ).toEqual(
      Object.keys(shape.evaluationMetrics.removeDefault().element.shape).sort(),
    );
  });
});
