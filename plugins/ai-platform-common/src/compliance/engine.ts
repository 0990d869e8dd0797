import {
  CheckResult,
  CheckStatus,
  COMPLIANCE_LEVELS,
  ComplianceCheck,
  ComplianceExemption,
  ComplianceHeatmap,
  ComplianceLevel,
  EntityScorecard,
  FactValue,
  Facts,
  TeamRollup,
} from './types';

/** What a check needs of the entity to tell whether it applies. */
export interface CheckTarget {
  kind: string;
  type?: string;
}

type Scalar = string | number | boolean | null | undefined;

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

// Fractions read as people write them: 0.889, not 0.8888888888888888.
const decimal = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 3,
  useGrouping: false,
});

function fmt(value: Scalar): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number') return decimal.format(value);
  return String(value);
}

function isUnset(value: Scalar): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '')
  );
}

function asNumber(value: Scalar): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * Whether a fact's value equals a check's operand. Facts often come from annotations, which are
 * strings: `"true"` equals `true`, `"0.6"` equals `0.6`, and strings compare without regard to
 * case or surrounding spaces (`Production` equals `production`).
 */
export function factEquals(actual: Scalar, expected: Scalar): boolean {
  if (isUnset(actual) || expected === undefined || expected === null) {
    return isUnset(actual) && (expected === undefined || expected === null);
  }
  if (typeof expected === 'boolean') {
    if (typeof actual === 'boolean') return actual === expected;
    return String(actual).trim().toLowerCase() === String(expected);
  }
  if (typeof expected === 'number') {
    const n = asNumber(actual);
    return n !== undefined && n === expected;
  }
  const a = String(actual).trim().toLowerCase();
  const b = expected.trim().toLowerCase();
  return a === b;
}

function factOf(facts: Facts, name: string): FactValue | undefined {
  return Object.prototype.hasOwnProperty.call(facts, name)
    ? facts[name]
    : undefined;
}

/** A check's verdict before exemptions. */
interface Verdict {
  status: 'pass' | 'fail' | 'error';
  value?: Scalar;
  message: string;
}

interface CompiledCheck {
  check: ComplianceCheck;
  /** `kind` (lower case) → the types it applies to (lower case), or `null` for every type. */
  applies: Map<string, Set<string> | null>;
  expected: string;
  judge: (fact: FactValue | undefined, now: Date) => Verdict;
}

/** A check whose configuration cannot work (a bad regex, a bound that is not a number). */
function broken(message: string) {
  return (): Verdict => ({ status: 'error', message });
}

function compileJudge(check: ComplianceCheck): {
  expected: string;
  judge: CompiledCheck['judge'];
} {
  const name = check.fact;
  const notSet = `${name} is not set`;
  switch (check.operator) {
    case 'exists':
      return {
        expected: 'set',
        judge: fact =>
          isUnset(fact?.value)
            ? { status: 'fail', value: fact?.value, message: notSet }
            : {
                status: 'pass',
                value: fact!.value,
                message: `${name} is ${fmt(fact!.value)}`,
              },
      };
    case 'equals': {
      const want = check.value;
      return {
        expected: `equal to ${fmt(want)}`,
        judge: fact => {
          if (isUnset(fact?.value)) {
            return {
              status: 'fail',
              value: fact?.value,
              message: `${notSet}; it should be ${fmt(want)}`,
            };
          }
          return factEquals(fact!.value, want)
            ? {
                status: 'pass',
                value: fact!.value,
                message: `${name} is ${fmt(fact!.value)}`,
              }
            : {
                status: 'fail',
                value: fact!.value,
                message: `${name} is ${fmt(fact!.value)}, not ${fmt(want)}`,
              };
        },
      };
    }
    case 'gte':
    case 'lte': {
      const bound = asNumber(check.value);
      const atLeast = check.operator === 'gte';
      const expected = `${atLeast ? 'at least' : 'at most'} ${fmt(
        check.value,
      )}`;
      if (bound === undefined) {
        return {
          expected,
          judge: broken(
            `The check's bound ${fmt(
              check.value,
            )} is not a number; fix the check.`,
          ),
        };
      }
      return {
        expected,
        judge: fact => {
          if (isUnset(fact?.value)) {
            return { status: 'fail', value: fact?.value, message: notSet };
          }
          const n = asNumber(fact!.value);
          if (n === undefined) {
            return {
              status: 'fail',
              value: fact!.value,
              message: `${name} is ${fmt(fact!.value)}, which is not a number`,
            };
          }
          const ok = atLeast ? n >= bound : n <= bound;
          let message: string;
          if (ok) message = `${name} is ${fmt(n)}, ${expected}`;
          else
            message = `${name} is ${fmt(n)}, ${
              atLeast ? 'below' : 'above'
            } ${fmt(bound)}`;
          return { status: ok ? 'pass' : 'fail', value: n, message };
        },
      };
    }
    case 'withinDays': {
      const days = asNumber(check.value);
      const expected = `a date within the last ${fmt(check.value)} days`;
      if (days === undefined || days < 0) {
        return {
          expected,
          judge: broken(
            `The check's number of days ${fmt(
              check.value,
            )} is not a non-negative number; fix the check.`,
          ),
        };
      }
      return {
        expected,
        judge: (fact, now) => {
          if (isUnset(fact?.value)) {
            return { status: 'fail', value: fact?.value, message: notSet };
          }
          const text = String(fact!.value).trim();
          const at = ISO_DATE.test(text) ? Date.parse(text) : NaN;
          if (Number.isNaN(at)) {
            return {
              status: 'fail',
              value: fact!.value,
              message: `${name} is ${fmt(
                fact!.value,
              )}, which is not an ISO date`,
            };
          }
          const age = (now.getTime() - at) / DAY_MS;
          const ageText =
            age < 0
              ? `in the future`
              : `${Math.floor(age)} day${Math.floor(age) === 1 ? '' : 's'} ago`;
          return age <= days
            ? {
                status: 'pass',
                value: fact!.value,
                message: `${name} is ${text}, ${ageText}`,
              }
            : {
                status: 'fail',
                value: fact!.value,
                message: `${name} is ${text}, ${ageText}: more than ${days} days`,
              };
        },
      };
    }
    case 'matches': {
      const pattern = String(check.value ?? '');
      let regex: RegExp;
      try {
        regex = new RegExp(pattern);
      } catch (e) {
        return {
          expected: `matching /${pattern}/`,
          judge: broken(
            `The check's pattern /${pattern}/ is not a valid regular expression (${
              (e as Error).message
            }); fix the check.`,
          ),
        };
      }
      return {
        expected: `matching /${pattern}/`,
        judge: fact => {
          if (isUnset(fact?.value)) {
            return { status: 'fail', value: fact?.value, message: notSet };
          }
          const text = String(fact!.value);
          return regex.test(text)
            ? {
                status: 'pass',
                value: fact!.value,
                message: `${name} is ${fmt(fact!.value)}`,
              }
            : {
                status: 'fail',
                value: fact!.value,
                message: `${name} is ${fmt(
                  fact!.value,
                )}, which does not match /${pattern}/`,
              };
        },
      };
    }
    default:
      return {
        expected: 'a known operator',
        judge: broken(
          `The check's operator ${fmt(
            (check as { operator: string }).operator,
          )} is unknown; fix the check.`,
        ),
      };
  }
}

function compileOne(check: ComplianceCheck): CompiledCheck {
  const applies = new Map<string, Set<string> | null>();
  for (const target of check.appliesTo) {
    const kind = target.kind.trim().toLowerCase();
    const types = target.types?.length
      ? new Set(target.types.map(t => t.trim().toLowerCase()))
      : null;
    const known = applies.get(kind);
    if (known === null || types === null) {
      applies.set(kind, null);
    } else {
      applies.set(kind, new Set([...(known ?? []), ...types]));
    }
  }
  return { check, applies, ...compileJudge(check) };
}

/** A check set compiled once (regexes, kinds and types), to evaluate many entities with. */
export interface CompiledChecks {
  checks: readonly ComplianceCheck[];
  /** The checks that apply to an entity of this kind and type (before `when`). */
  applicable(entity: CheckTarget): ComplianceCheck[];
  evaluate(
    entity: CheckTarget,
    facts: Facts,
    exemptions: readonly ComplianceExemption[],
    now: Date,
  ): CheckResult[];
}

function appliesTo(compiled: CompiledCheck, kind: string, type: string) {
  const types = compiled.applies.get(kind);
  if (types === undefined) return false;
  return types === null || types.has(type);
}

/** The exemption, if any, that is in force for a check at `now`. */
function exemptionInForce(
  exemptions: readonly ComplianceExemption[],
  checkId: string,
  now: Date,
): ComplianceExemption | undefined {
  let best: ComplianceExemption | undefined;
  let bestUntil = -Infinity;
  for (const exemption of exemptions) {
    if (exemption.checkId !== checkId) continue;
    const until = Date.parse(exemption.expiresAt);
    if (Number.isNaN(until) || until <= now.getTime()) continue;
    if (until > bestUntil) {
      best = exemption;
      bestUntil = until;
    }
  }
  return best;
}

/**
 * Compiles a check set once: kinds and types into lookups, patterns into regexes, operands into
 * the words a result shows. Evaluating an entity then costs one lookup and one comparison per
 * applicable check.
 */
export function compileChecks(
  checks: readonly ComplianceCheck[],
): CompiledChecks {
  const compiled = checks.map(compileOne);
  const byTarget = new Map<string, CompiledCheck[]>();
  const forTarget = (entity: CheckTarget) => {
    const kind = entity.kind.trim().toLowerCase();
    const type = (entity.type ?? '').trim().toLowerCase();
    const key = `${kind}\u0000${type}`;
    let list = byTarget.get(key);
    if (!list) {
      list = compiled.filter(c => appliesTo(c, kind, type));
      byTarget.set(key, list);
    }
    return list;
  };

  return {
    checks,
    applicable: entity => forTarget(entity).map(c => c.check),
    evaluate(entity, facts, exemptions, now) {
      const results: CheckResult[] = [];
      for (const c of forTarget(entity)) {
        const { check } = c;
        let verdict: Verdict;
        if (check.when) {
          const condition = factOf(facts, check.when.fact);
          if (condition?.problem) {
            verdict = {
              status: 'error',
              message: `Could not tell whether this check applies: ${condition.problem}`,
            };
          } else if (!factEquals(condition?.value, check.when.equals)) {
            continue;
          } else {
            verdict = judged(c, factOf(facts, check.fact), now);
          }
        } else {
          verdict = judged(c, factOf(facts, check.fact), now);
        }
        const result: CheckResult = {
          checkId: check.id,
          title: check.title,
          level: check.level,
          category: check.category,
          status: verdict.status,
          expected: c.expected,
          message: verdict.message,
          remediation: check.remediation,
        };
        if (verdict.value !== undefined) result.value = verdict.value;
        if (check.remediationUrl) result.remediationUrl = check.remediationUrl;
        if (exemptions.length) {
          const exemption = exemptionInForce(exemptions, check.id, now);
          if (exemption) {
            result.exemption = exemption;
            if (verdict.status !== 'pass') {
              result.status = 'exempt';
              result.message = `Exempt until ${exemption.expiresAt.slice(
                0,
                10,
              )}, approved by ${exemption.approvedBy}: ${exemption.reason} (${
                verdict.message
              })`;
            }
          }
        }
        results.push(result);
      }
      return results;
    },
  };
}

function judged(
  c: CompiledCheck,
  fact: FactValue | undefined,
  now: Date,
): Verdict {
  if (fact?.problem) return { status: 'error', message: fact.problem };
  return c.judge(fact, now);
}

const compiledSets = new WeakMap<readonly ComplianceCheck[], CompiledChecks>();

/**
 * Evaluates the checks that apply to one entity (kind case-insensitive, its `spec.type`, each
 * check's `when`) against its facts. `exemptions` are the entity's own; one that has not expired
 * turns a failure or an error into `exempt`. A fact with a `problem` is an `error` saying it,
 * never a crash. The check set is compiled once per array (keep the same array between calls,
 * or use {@link compileChecks}).
 */
export function evaluateEntity(
  checks: readonly ComplianceCheck[],
  entity: CheckTarget,
  facts: Facts,
  exemptions: readonly ComplianceExemption[],
  now: Date,
): CheckResult[] {
  let compiled = compiledSets.get(checks);
  if (!compiled) {
    compiled = compileChecks(checks);
    compiledSets.set(checks, compiled);
  }
  return compiled.evaluate(entity, facts, exemptions, now);
}

const ok = (status: CheckStatus) => status === 'pass' || status === 'exempt';

/**
 * The highest level whose checks, and those of every level below, all pass or are exempt.
 * `none` when a bronze check fails, or when no check applied at all.
 */
export function levelReached(
  results: readonly CheckResult[],
): ComplianceLevel | 'none' {
  if (!results.length) return 'none';
  const failing = new Set<ComplianceLevel>();
  for (const r of results) if (!ok(r.status)) failing.add(r.level);
  let reached: ComplianceLevel | 'none' = 'none';
  for (const level of COMPLIANCE_LEVELS) {
    if (failing.has(level)) break;
    reached = level;
  }
  return reached;
}

function emptyCounts(): Record<CheckStatus, number> {
  return { pass: 0, fail: 0, exempt: 0, error: 0 };
}

/** One entity's scorecard from its results. */
export function scorecardOf(
  entity: {
    entityRef: string;
    title?: string;
    kind: string;
    type?: string;
    ownerRef?: string;
  },
  results: CheckResult[],
  now: Date,
): EntityScorecard {
  const counts = emptyCounts();
  for (const r of results) counts[r.status] += 1;
  const card: EntityScorecard = {
    entityRef: entity.entityRef,
    kind: entity.kind,
    level: levelReached(results),
    counts,
    results,
    evaluatedAt: now.toISOString(),
  };
  if (entity.title !== undefined) card.title = entity.title;
  if (entity.type !== undefined) card.type = entity.type;
  if (entity.ownerRef !== undefined) card.ownerRef = entity.ownerRef;
  return card;
}

/** Passed (pass or exempt) and failed (fail or error) results by category. */
function tally(
  scorecards: readonly EntityScorecard[],
  into = new Map<string, { passed: number; failed: number }>(),
) {
  for (const card of scorecards) {
    for (const r of card.results) {
      let t = into.get(r.category);
      if (!t) {
        t = { passed: 0, failed: 0 };
        into.set(r.category, t);
      }
      if (ok(r.status)) t.passed += 1;
      else t.failed += 1;
    }
  }
  return into;
}

const byName = (a: string, b: string) => (a < b ? -1 : Number(a > b));

/**
 * A team's entities rolled up: how many reached each level, and per category how many results
 * passed (pass or exempt) and failed (fail or error).
 */
export function rollupTeam(
  teamRef: string,
  scorecards: EntityScorecard[],
): TeamRollup {
  const levels: TeamRollup['levels'] = {
    none: 0,
    bronze: 0,
    silver: 0,
    gold: 0,
  };
  for (const card of scorecards) levels[card.level] += 1;
  const categories = [...tally(scorecards)]
    .sort(([a], [b]) => byName(a, b))
    .map(([category, t]) => ({ category, ...t }));
  return {
    teamRef,
    entities: scorecards.length,
    levels,
    categories,
    scorecards,
  };
}

/** The share of results that passed or are exempt, over all the scorecards (1 when none). */
export function passRateOf(scorecards: readonly EntityScorecard[]): number {
  let passed = 0;
  let total = 0;
  for (const card of scorecards) {
    for (const r of card.results) {
      total += 1;
      if (ok(r.status)) passed += 1;
    }
  }
  return total ? passed / total : 1;
}

/** One point of the org's trend: the pass rate of these scorecards on a date. */
export function trendPointOf(
  date: string,
  scorecards: readonly EntityScorecard[],
): ComplianceHeatmap['trend'][number] {
  return {
    date,
    passRate: passRateOf(scorecards),
    entities: scorecards.length,
  };
}

/**
 * The org heat map: for every team and category, the share of results that passed or are exempt
 * (`null` where the team has no result in the category) and how many failed; teams and
 * categories sorted by name, the trend by date.
 */
export function heatmapOf(
  scorecardsByTeam:
    | Record<string, readonly EntityScorecard[]>
    | ReadonlyMap<string, readonly EntityScorecard[]>,
  trend: readonly ComplianceHeatmap['trend'][number][] = [],
): ComplianceHeatmap {
  const entries: [string, readonly EntityScorecard[]][] =
    scorecardsByTeam instanceof Map
      ? [...scorecardsByTeam]
      : Object.entries(scorecardsByTeam);
  const tallies = entries
    .map(([teamRef, cards]) => ({ teamRef, tally: tally(cards) }))
    .sort((a, b) => byName(a.teamRef, b.teamRef));
  const categories = [
    ...new Set(tallies.flatMap(t => [...t.tally.keys()])),
  ].sort(byName);
  return {
    categories,
    teams: tallies.map(({ teamRef, tally: t }) => ({
      teamRef,
      cells: categories.map(category => {
        const cell = t.get(category);
        if (!cell) return { category, passRate: null, failed: 0 };
        return {
          category,
          passRate: cell.passed / (cell.passed + cell.failed),
          failed: cell.failed,
        };
      }),
    })),
    trend: [...trend].sort((a, b) => byName(a.date, b.date)),
  };
}
