import { EU_AI_ACT_DOCUMENTATION_AREAS } from '../modelRegistry/euAiAct';
import { DEFAULT_COMPLIANCE_CHECKS } from './defaultChecks';
import { evaluateEntity, levelReached } from './engine';
import { complianceCheckSchema } from './schemas';
import { Facts } from './types';

const now = new Date('2026-11-29T12:00:00Z');
const catalog = (value: string | number | boolean): Facts[string] => ({
  value,
  source: 'catalog',
});

const model = { kind: 'Resource', type: 'ai-model' };

/** A model with everything in order. */
const goodModel = (): Facts => ({
  'entity.owner': catalog('group:default/risk'),
  'entity.lifecycle': catalog('production'),
  'entity.riskClass': catalog('high'),
  'entity.humanOversightContact': catalog('user:default/ana.lopez'),
  'modelCard.present': catalog(true),
  'modelCard.completeness': catalog(1),
  ...Object.fromEntries(
    EU_AI_ACT_DOCUMENTATION_AREAS.map(a => [
      `modelCard.area.${a.id}`,
      catalog(true),
    ]),
  ),
  'drift.monitored': catalog(true),
  'drift.status': catalog('warning'),
  'lineage.present': catalog(true),
});

describe('DEFAULT_COMPLIANCE_CHECKS', () => {
  it('is valid under complianceCheckSchema, with unique ids and a remediation each', () => {
    for (const check of DEFAULT_COMPLIANCE_CHECKS) {
      const parsed = complianceCheckSchema.safeParse(check);
      expect(parsed.success ? check.id : parsed.error.issues).toBe(check.id);
      expect(check.remediation.length).toBeGreaterThan(30);
    }
    const ids = DEFAULT_COMPLIANCE_CHECKS.map(c => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has one check per documentation area, every level represented', () => {
    for (const area of EU_AI_ACT_DOCUMENTATION_AREAS) {
      const check = DEFAULT_COMPLIANCE_CHECKS.find(
        c => c.fact === `modelCard.area.${area.id}`,
      );
      expect(check).toMatchObject({ operator: 'equals', value: true });
      expect(check!.remediation).toContain(`## ${area.title}`);
      expect(check!.remediationUrl).toMatch(/^https:\/\/eur-lex\.europa\.eu\//);
    }
    const levels = new Set(DEFAULT_COMPLIANCE_CHECKS.map(c => c.level));
    expect([...levels].sort()).toEqual(['bronze', 'gold', 'silver']);
  });

  it('puts a model with everything in order at gold', () => {
    const results = evaluateEntity(
      DEFAULT_COMPLIANCE_CHECKS,
      model,
      goodModel(),
      [],
      now,
    );
    expect(results.filter(r => r.status !== 'pass')).toEqual([]);
    expect(results).toHaveLength(18);
    expect(levelReached(results)).toBe('gold');
  });

  it('says what is missing from a model with a partial card', () => {
    const facts: Facts = {
      ...goodModel(),
      'modelCard.completeness': catalog(4 / 9),
      'modelCard.area.development': catalog(false),
      'entity.humanOversightContact': catalog(''),
      'drift.status': catalog('drifted'),
    };
    const results = evaluateEntity(
      DEFAULT_COMPLIANCE_CHECKS,
      model,
      facts,
      [],
      now,
    );
    const failed = Object.fromEntries(
      results.filter(r => r.status !== 'pass').map(r => [r.checkId, r]),
    );
    expect(Object.keys(failed).sort()).toEqual([
      'eu-ai-act.area.development',
      'eu-ai-act.human-oversight-contact',
      'model-card.completeness.gold',
      'model-card.completeness.silver',
      'monitoring.drift-status',
    ]);
    expect(failed['model-card.completeness.silver']).toMatchObject({
      value: 4 / 9,
      expected: 'at least 0.6',
    });
    expect(levelReached(results)).toBe('none');
  });

  it('asks for drift monitoring only in production, and oversight only when high risk', () => {
    const ids = (facts: Facts) =>
      evaluateEntity(DEFAULT_COMPLIANCE_CHECKS, model, facts, [], now).map(
        r => r.checkId,
      );
    const experimental = {
      ...goodModel(),
      'entity.lifecycle': catalog('experimental'),
      'entity.riskClass': catalog('minimal'),
    };
    expect(ids(experimental)).not.toContain('monitoring.drift-monitored');
    expect(ids(experimental)).not.toContain(
      'eu-ai-act.human-oversight-contact',
    );
    expect(ids(goodModel())).toContain('monitoring.drift-monitored');
  });

  it('checks residency and encryption on datasets', () => {
    const dataset = { kind: 'Resource', type: 'dataset' };
    const statuses = (encryption: string) =>
      Object.fromEntries(
        evaluateEntity(
          DEFAULT_COMPLIANCE_CHECKS,
          dataset,
          {
            'entity.owner': catalog('group:default/data'),
            'dataset.residency': catalog('eu-west-1'),
            'dataset.encryption': catalog(encryption),
          },
          [],
          now,
        ).map(r => [r.checkId, r.status]),
      );
    expect(statuses('aws-kms')).toEqual({
      'ownership.owner': 'pass',
      'data.residency': 'pass',
      'data.encryption': 'pass',
    });
    for (const ok of ['kms', 'sse-s3', 'sse-kms', 'at-rest', 'cmek']) {
      expect(statuses(ok)['data.encryption']).toBe('pass');
    }
    for (const bad of ['none', 'plaintext', '']) {
      expect(statuses(bad)['data.encryption']).toBe('fail');
    }
  });

  it('checks on-call on components and the budget on teams', () => {
    const component = evaluateEntity(
      DEFAULT_COMPLIANCE_CHECKS,
      { kind: 'Component', type: 'model-server' },
      { 'entity.owner': catalog('group:default/risk') },
      [],
      now,
    );
    expect(component.map(r => [r.checkId, r.status])).toEqual([
      ['ownership.owner', 'pass'],
      ['ownership.on-call', 'fail'],
    ]);
    expect(levelReached(component)).toBe('bronze');
    const team = evaluateEntity(
      DEFAULT_COMPLIANCE_CHECKS,
      { kind: 'Group', type: 'team' },
      { 'team.budgetSet': catalog('true') },
      [],
      now,
    );
    expect(team.map(r => [r.checkId, r.status])).toEqual([
      ['cost.team-budget', 'pass'],
    ]);
  });
});
