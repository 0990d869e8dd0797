import { ConfigReader } from '@backstage/config';
import { autoApproveLimit, readQuotaPolicy } from './policy';

describe('readQuotaPolicy', () => {
  it('has defaults', () => {
    expect(readQuotaPolicy(new ConfigReader({}))).toEqual({
      autoApproveGpus: 8,
      teamAutoApproveGpus: {},
      maxWindowDays: 90,
    });
  });

  it('reads per-team limits', () => {
    const policy = readQuotaPolicy(
      new ConfigReader({
        aiPlatform: {
          quota: {
            autoApproveGpus: 4,
            maxWindowDays: 30,
            teamLimits: [
              { team: 'group:default/llm-research', autoApproveGpus: 16 },
            ],
          },
        },
      }),
    );
    expect(autoApproveLimit(policy, 'group:default/llm-research')).toBe(16);
    expect(autoApproveLimit(policy, 'group:default/recsys')).toBe(4);
    expect(policy.maxWindowDays).toBe(30);
  });
});
