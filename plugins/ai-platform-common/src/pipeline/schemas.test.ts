import { describeZodIssues } from '../shared/zod';
import { nextRuns } from './schedule';
import { pipelineInputSchema, qualityRuleSchema } from './schemas';

const valid = {
  name: 'ranker-retrain',
  teamRef: 'group:default/recsys',
  orchestrator: 'airflow',
  schedule: '0 2 * * *',
  inputs: ['resource:default/clickstream-events'],
  outputs: ['resource:default/recsys-ranker'],
  finalStep: 'train',
  image: 'ghcr.io/acme/trainer:1.4',
  gpuCount: 8,
  qualityChecks: [{ check: 'not_null', column: 'user_id' }],
};

function problems(input: unknown) {
  const result = pipelineInputSchema.safeParse(input);
  return result.success ? '' : describeZodIssues(result.error);
}

describe('pipelineInputSchema', () => {
  it('takes a pipeline and fills the defaults', () => {
    const parsed = pipelineInputSchema.parse({
      ...valid,
      inputs: ['Resource:clickstream-events'],
    });
    expect(parsed.timezone).toBe('UTC');
    expect(parsed.description).toBe('');
    expect(parsed.inputs).toEqual(['resource:default/clickstream-events']);
  });

  it.each([
    [{ schedule: '0 2 * *' }, 'schedule: must have five fields'],
    [{ schedule: '0 0 2 * * *' }, 'schedule: must have five fields'],
    [{ schedule: '0 2 L * *' }, 'schedule: day of month field "L"'],
    [{ schedule: '0 25 * * *' }, 'schedule: is not a valid cron expression'],
    [{ schedule: '@reboot' }, 'schedule: must be one of the presets'],
    [{ timezone: 'Mars/Olympus' }, 'timezone: must be an IANA time zone'],
    [{ name: 'Ranker_Retrain' }, 'name: must be a lowercase name'],
    [{ inputs: [] }, 'inputs: must name at least one'],
    [{ inputs: ['group:default/recsys'] }, 'inputs.0: must be a resource'],
    [
      { outputs: ['resource:default/clickstream-events'] },
      'outputs.0: resource:default/clickstream-events is also an input',
    ],
    [{ orchestrator: 'luigi' }, 'orchestrator: must be one of airflow, argo'],
    [{ finalStep: 'publish' }, 'gpuCount: only a train step asks for GPUs'],
    [{ image: 'Not An Image' }, 'image: must be a container image reference'],
    [
      { qualityChecks: [{ check: 'min', column: 'age' }] },
      'qualityChecks.0.value: must be a number for this check',
    ],
    [
      { qualityChecks: [{ check: 'sometimes', column: 'age' }] },
      'qualityChecks.0.check: check must be one of not_null',
    ],
    [
      {
        qualityChecks: [
          {
            check: 'unique',
            column: 'user_id',
            datasetRef: 'resource:default/other',
          },
        ],
      },
      "qualityChecks.0.datasetRef: resource:default/other is not one of the pipeline's inputs",
    ],
  ])('refuses %j naming the field', (change, message) => {
    expect(problems({ ...valid, ...change })).toContain(message);
  });

  it('takes the presets both orchestrators read', () => {
    expect(problems({ ...valid, schedule: '@daily' })).toBe('');
    expect(problems({ ...valid, schedule: '*/15 9-17 * * MON-FRI' })).toBe('');
  });
});

describe('qualityRuleSchema', () => {
  it('keeps allowed values and refuses an empty list', () => {
    expect(
      qualityRuleSchema.parse({
        check: 'allowed_values',
        column: 'country',
        values: ['DE', 'FR'],
      }),
    ).toEqual({
      check: 'allowed_values',
      column: 'country',
      values: ['DE', 'FR'],
    });
    expect(
      qualityRuleSchema.safeParse({
        check: 'allowed_values',
        column: 'country',
        values: [],
      }).success,
    ).toBe(false);
  });
});

describe('nextRuns', () => {
  const from = new Date('2026-11-29T20:30:00Z');

  it('lists the next runs in the schedule time zone', () => {
    expect(
      nextRuns('0 2 * * *', { timezone: 'Europe/Berlin', count: 2, from }),
    ).toEqual(['2026-11-30T01:00:00.000Z', '2026-12-01T01:00:00.000Z']);
  });

  it('follows daylight saving time', () => {
    // Berlin leaves summer time on 25 October 2026: noon there is 10:00 UTC, then 11:00 UTC.
    expect(
      nextRuns('0 12 * * *', {
        timezone: 'Europe/Berlin',
        count: 2,
        from: new Date('2026-10-24T06:00:00Z'),
      }),
    ).toEqual(['2026-10-24T10:00:00.000Z', '2026-10-25T11:00:00.000Z']);
  });

  it('reads presets and weekday ranges', () => {
    expect(nextRuns('@weekly', { count: 1, from })).toEqual([
      '2026-12-06T00:00:00.000Z',
    ]);
    expect(nextRuns('30 9 * * MON-FRI', { count: 2, from })).toEqual([
      '2026-11-30T09:30:00.000Z',
      '2026-12-01T09:30:00.000Z',
    ]);
  });

  it('throws on an expression it refuses', () => {
    expect(() => nextRuns('every day')).toThrow(
      /schedule must have five fields/,
    );
  });
});
