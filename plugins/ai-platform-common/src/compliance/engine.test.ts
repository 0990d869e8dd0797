import {
  CheckTarget,
  compileChecks,
  evaluateEntity,
  heatmapOf,
  levelReached,
  rollupTeam,
  scorecardOf,
  trendPointOf,
} from './engine';
import {
  CheckResult,
  ComplianceCheck,
  ComplianceExemption,
  ComplianceLevel,
  Facts,
} from './types';

const now = new Date('2026-11-29T12:00:00Z');
const model: CheckTarget = { kind: 'Resource', type: 'ai-model' };

const check = (overrides: Partial<ComplianceCheck>): ComplianceCheck => ({
  id: 'a-check',
  title: 'A check',
  description: '',
  appliesTo: [{ kind: 'Resource', types: ['ai-model'] }],
  fact: 'x',
  operator: 'exists',
  level: 'bronze',
  category: 'documentation',
  remediation: 'Set x.',
  ...overrides,
});

const fact = (value: string | number | boolean | null): Facts[string] => ({
  value,
  source: 'catalog',
});

const one = (c: Partial<ComplianceCheck>, facts: Facts) =>
  evaluateEntity([check(c)], model, facts, [], now)[0];

describe('evaluateEntity', () => {
  it('evaluates only the checks that apply: kind in any case, types, when', () => {
    const checks = [
      check({ id: 'any-resource', appliesTo: [{ kind: 'resource' }] }),
      check({ id: 'models-only' }),
      check({
        id: 'datasets-only',
        appliesTo: [{ kind: 'Resource', types: ['dataset'] }],
      }),
      check({ id: 'groups', appliesTo: [{ kind: 'Group' }] }),
      check({
        id: 'high-risk',
        when: { fact: 'entity.riskClass', equals: 'high' },
      }),
    ];
    const ids = (facts: Facts, entity = model) =>
      evaluateEntity(checks, entity, facts, [], now).map(r => r.checkId);
    expect(ids({})).toEqual(['any-resource', 'models-only']);
    expect(ids({ 'entity.riskClass': fact('High') })).toEqual([
      'any-resource',
      'models-only',
      'high-risk',
    ]);
    expect(ids({}, { kind: 'RESOURCE', type: 'Dataset' })).toEqual([
      'any-resource',
      'datasets-only',
    ]);
    expect(ids({}, { kind: 'Group' })).toEqual(['groups']);
    expect(ids({}, { kind: 'Component', type: 'ai-model' })).toEqual([]);
  });

  it('exists: set, unset, empty', () => {
    expect(one({}, { x: fact('team-a') })).toMatchObject({
      status: 'pass',
      value: 'team-a',
      expected: 'set',
      message: 'x is "team-a"',
    });
    expect(one({}, {})).toMatchObject({
      status: 'fail',
      message: 'x is not set',
    });
    expect(one({}, { x: fact('  ') }).status).toBe('fail');
    expect(one({}, { x: fact(null) }).status).toBe('fail');
    expect(one({}, { x: fact(false) }).status).toBe('pass');
  });

  it('equals: booleans and numbers from annotation strings, strings in any case', () => {
    const c = { operator: 'equals' as const, value: true };
    expect(one(c, { x: fact(true) }).status).toBe('pass');
    expect(one(c, { x: fact('true') }).status).toBe('pass');
    expect(one(c, { x: fact(false) })).toMatchObject({
      status: 'fail',
      value: false,
      expected: 'equal to true',
      message: 'x is false, not true',
    });
    expect(one(c, {}).message).toBe('x is not set; it should be true');
    expect(
      one(
        { operator: 'equals', value: 'production' },
        { x: fact('Production ') },
      ).status,
    ).toBe('pass');
    expect(
      one({ operator: 'equals', value: 1 }, { x: fact('1.0') }).status,
    ).toBe('pass');
  });

  it('gte and lte show the number', () => {
    const gte = { operator: 'gte' as const, value: 0.6 };
    expect(one(gte, { x: fact(0.44) })).toMatchObject({
      status: 'fail',
      value: 0.44,
      expected: 'at least 0.6',
      message: 'x is 0.44, below 0.6',
    });
    expect(one(gte, { x: fact(0.6) })).toMatchObject({
      status: 'pass',
      value: 0.6,
      message: 'x is 0.6, at least 0.6',
    });
    expect(one(gte, { x: fact('0.75') })).toMatchObject({
      status: 'pass',
      value: 0.75,
    });
    expect(one(gte, { x: fact('lots') })).toMatchObject({
      status: 'fail',
      message: 'x is "lots", which is not a number',
    });
    expect(one({ operator: 'lte', value: 3 }, { x: fact(4) })).toMatchObject({
      status: 'fail',
      expected: 'at most 3',
      message: 'x is 4, above 3',
    });
    expect(
      one({ operator: 'gte', value: 'many' }, { x: fact(4) }),
    ).toMatchObject({
      status: 'error',
      message: 'The check\'s bound "many" is not a number; fix the check.',
    });
  });

  it('withinDays reads ISO dates', () => {
    const c = { operator: 'withinDays' as const, value: 30 };
    expect(one(c, { x: fact('2026-11-20T08:00:00Z') })).toMatchObject({
      status: 'pass',
      expected: 'a date within the last 30 days',
      message: 'x is 2026-11-20T08:00:00Z, 9 days ago',
    });
    expect(one(c, { x: fact('2026-09-01') })).toMatchObject({
      status: 'fail',
      message: 'x is 2026-09-01, 89 days ago: more than 30 days',
    });
    expect(one(c, { x: fact('2026-12-01') }).status).toBe('pass');
    expect(one(c, { x: fact('last tuesday') })).toMatchObject({
      status: 'fail',
      message: 'x is "last tuesday", which is not an ISO date',
    });
    expect(one(c, { x: fact('2026-13-45') }).status).toBe('fail');
  });

  it('matches a regex, and a broken regex is an error naming it', () => {
    const c = { operator: 'matches' as const, value: '^(ok|warning)$' };
    expect(one(c, { x: fact('ok') }).status).toBe('pass');
    expect(one(c, { x: fact('drifted') })).toMatchObject({
      status: 'fail',
      expected: 'matching /^(ok|warning)$/',
      message: 'x is "drifted", which does not match /^(ok|warning)$/',
    });
    const bad = one({ operator: 'matches', value: '([a-z' }, { x: fact('a') });
    expect(bad.status).toBe('error');
    expect(bad.message).toMatch(
      /^The check's pattern \/\(\[a-z\/ is not a valid/,
    );
  });

  it('a fact with a problem is an error with the problem as its message', () => {
    const problem =
      'model card README.md: line 3: the front matter is not valid YAML';
    expect(
      one(
        { operator: 'gte', value: 0.6 },
        { x: { source: 'model card README.md', problem } },
      ),
    ).toMatchObject({ status: 'error', message: problem });
    expect(
      one(
        { when: { fact: 'risk', equals: 'high' } },
        { risk: { source: 'catalog', problem: 'unreadable' } },
      ),
    ).toMatchObject({
      status: 'error',
      message: 'Could not tell whether this check applies: unreadable',
    });
  });

  it('never crashes on odd facts', () => {
    const facts = { x: { source: 'x' } } as Facts;
    for (const operator of [
      'exists',
      'equals',
      'gte',
      'lte',
      'withinDays',
      'matches',
    ] as const) {
      expect(one({ operator, value: 1 }, facts).status).toBe('fail');
      expect(
        one({ operator, value: 1 }, { constructor: fact(1) }).status,
      ).not.toBe(undefined);
    }
  });

  it('an exemption in force turns a failure into exempt; an expired one does not', () => {
    const exemption: ComplianceExemption = {
      id: 'e1',
      entityRef: 'resource:default/fraud-scorer',
      checkId: 'a-check',
      reason: 'Card is being rewritten for v2',
      approvedBy: 'user:default/dpo',
      expiresAt: '2026-12-31T00:00:00Z',
      createdBy: 'user:default/ana',
      createdAt: '2026-11-01T00:00:00Z',
    };
    const [exempt] = evaluateEntity([check({})], model, {}, [exemption], now);
    expect(exempt).toMatchObject({
      status: 'exempt',
      exemption,
      message:
        'Exempt until 2026-12-31, approved by user:default/dpo: Card is being rewritten for v2 (x is not set)',
    });
    const expired = { ...exemption, expiresAt: '2026-11-01T00:00:00Z' };
    expect(
      evaluateEntity([check({})], model, {}, [expired], now)[0].status,
    ).toBe('fail');
    const other = { ...exemption, checkId: 'another' };
    expect(evaluateEntity([check({})], model, {}, [other], now)[0].status).toBe(
      'fail',
    );
    const [passing] = evaluateEntity(
      [check({})],
      model,
      { x: fact('y') },
      [exemption],
      now,
    );
    expect(passing.status).toBe('pass');
  });

  it('copies remediation, level and category', () => {
    expect(
      one(
        {
          level: 'gold',
          category: 'monitoring',
          remediationUrl: 'https://example.com/fix',
        },
        {},
      ),
    ).toMatchObject({
      checkId: 'a-check',
      title: 'A check',
      level: 'gold',
      category: 'monitoring',
      remediation: 'Set x.',
      remediationUrl: 'https://example.com/fix',
    });
  });

  it('evaluates 5 000 entities × 30 checks well under a second', () => {
    const operators = [
      'exists',
      'equals',
      'gte',
      'withinDays',
      'matches',
    ] as const;
    const values = [undefined, true, 0.6, 30, '^(ok|warning)$'];
    const checks = Array.from({ length: 30 }, (_, i) =>
      check({
        id: `c-${i}`,
        fact: `f${i}`,
        operator: operators[i % 5],
        value: values[i % 5],
        level: (['bronze', 'silver', 'gold'] as const)[i % 3],
        when:
          i % 7 === 0 ? { fact: 'lifecycle', equals: 'production' } : undefined,
      }),
    );
    const entities = Array.from({ length: 5000 }, (_, e) => {
      const facts: Facts = {
        lifecycle: fact(e % 2 ? 'production' : 'experimental'),
      };
      for (let i = 0; i < 30; i++) {
        const v = [
          'x',
          e % 3 === 0,
          (e % 10) / 10,
          `2026-11-${String((e % 28) + 1).padStart(2, '0')}`,
          e % 4 ? 'ok' : 'drifted',
        ][i % 5];
        facts[`f${i}`] = fact(v);
      }
      return facts;
    });
    const compiled = compileChecks(checks);
    const start = performance.now();
    let results = 0;
    for (const facts of entities) {
      results += compiled.evaluate(model, facts, [], now).length;
    }
    const ms = performance.now() - start;
    expect(results).toBeGreaterThan(5000 * 25);
    expect(ms).toBeLessThan(1000);
    // eslint-disable-next-line no-console
    console.log(
      `5000 entities × 30 checks: ${results} results in ${ms.toFixed(1)} ms`,
    );
  });
});

const result = (
  level: ComplianceLevel,
  status: CheckResult['status'],
  category = 'documentation',
): CheckResult => ({
  checkId: `${level}-${status}-${category}`,
  title: 't',
  level,
  category,
  status,
  expected: 'set',
  message: 'm',
  remediation: 'r',
});

describe('levelReached', () => {
  it('is the highest level whose checks and those below all pass or are exempt', () => {
    expect(levelReached([])).toBe('none');
    expect(levelReached([result('bronze', 'fail')])).toBe('none');
    expect(
      levelReached([result('bronze', 'pass'), result('silver', 'error')]),
    ).toBe('bronze');
    expect(
      levelReached([
        result('bronze', 'exempt'),
        result('silver', 'pass'),
        result('gold', 'fail'),
      ]),
    ).toBe('silver');
    expect(
      levelReached([result('bronze', 'pass'), result('gold', 'pass')]),
    ).toBe('gold');
    // A failing silver check holds back a passing gold one.
    expect(
      levelReached([result('silver', 'fail'), result('gold', 'pass')]),
    ).toBe('bronze');
  });
});

describe('scorecards, rollups and the heat map', () => {
  const card = (ref: string, results: CheckResult[]) =>
    scorecardOf(
      {
        entityRef: ref,
        kind: 'Resource',
        type: 'ai-model',
        ownerRef: 'group:default/a',
      },
      results,
      now,
    );
  const a1 = card('resource:default/m1', [
    result('bronze', 'pass'),
    result('silver', 'fail', 'monitoring'),
  ]);
  const a2 = card('resource:default/m2', [
    result('bronze', 'exempt'),
    result('silver', 'error', 'monitoring'),
    result('gold', 'pass', 'monitoring'),
  ]);
  const b1 = card('resource:default/m3', [result('bronze', 'fail')]);

  it('counts statuses and the level', () => {
    expect(a2).toMatchObject({
      entityRef: 'resource:default/m2',
      kind: 'Resource',
      type: 'ai-model',
      ownerRef: 'group:default/a',
      level: 'bronze',
      counts: { pass: 1, fail: 0, exempt: 1, error: 1 },
      evaluatedAt: '2026-11-29T12:00:00.000Z',
    });
    expect(a2).not.toHaveProperty('title');
  });

  it('rolls a team up by level and category', () => {
    expect(rollupTeam('group:default/a', [a1, a2])).toEqual({
      teamRef: 'group:default/a',
      entities: 2,
      levels: { none: 0, bronze: 2, silver: 0, gold: 0 },
      categories: [
        { category: 'documentation', passed: 2, failed: 0 },
        { category: 'monitoring', passed: 1, failed: 2 },
      ],
      scorecards: [a1, a2],
    });
  });

  it('makes a team × category heat map with the trend by date', () => {
    const trend = [
      trendPointOf('2026-11-29', [a1, a2, b1]),
      { date: '2026-11-22', passRate: 0.2, entities: 2 },
    ];
    const heatmap = heatmapOf(
      { 'group:default/b': [b1], 'group:default/a': [a1, a2] },
      trend,
    );
    expect(heatmap).toEqual({
      categories: ['documentation', 'monitoring'],
      teams: [
        {
          teamRef: 'group:default/a',
          cells: [
            { category: 'documentation', passRate: 1, failed: 0 },
            { category: 'monitoring', passRate: 1 / 3, failed: 2 },
          ],
        },
        {
          teamRef: 'group:default/b',
          cells: [
            { category: 'documentation', passRate: 0, failed: 1 },
            { category: 'monitoring', passRate: null, failed: 0 },
          ],
        },
      ],
      trend: [
        { date: '2026-11-22', passRate: 0.2, entities: 2 },
        { date: '2026-11-29', passRate: 3 / 6, entities: 3 },
      ],
    });
    expect(heatmapOf(new Map([['group:default/a', [a1]]])).teams).toHaveLength(
      1,
    );
  });
});
