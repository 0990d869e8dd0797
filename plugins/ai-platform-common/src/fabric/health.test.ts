import {
  DEFAULT_FABRIC_THRESHOLDS,
  counterRate,
  countHealth,
  degradedShare,
  healthRank,
  judgeLink,
  rollUpHealth,
  utilization,
} from './health';

const ndr = { speedGbps: 400, width: 4 };

describe('counterRate', () => {
  it('is the increase per second over the window', () => {
    expect(counterRate({ value: 100, at: 0 }, { value: 160, at: 60_000 })).toBe(
      1,
    );
  });

  it('counts from zero after a reset instead of a negative or wrapped burst', () => {
    expect(
      counterRate({ value: 65_000, at: 0 }, { value: 30, at: 60_000 }),
    ).toBe(0.5);
  });

  it('says nothing without an earlier read, over no time, or at saturation', () => {
    expect(counterRate(undefined, { value: 5, at: 1 })).toBeUndefined();
    expect(
      counterRate({ value: 1, at: 5 }, { value: 2, at: 5 }),
    ).toBeUndefined();
    expect(
      counterRate(
        { value: 60_000, at: 0 },
        { value: 65_535, at: 60_000 },
        65_535,
      ),
    ).toBeUndefined();
  });
});

describe('judgeLink', () => {
  const judge = (reading: Parameters<typeof judgeLink>[0]) =>
    judgeLink(reading, ndr, DEFAULT_FABRIC_THRESHOLDS);

  it('is healthy at the expected speed and width with quiet counters', () => {
    expect(
      judge({ up: true, speedGbps: 400, width: 4, rates: { symbolErrors: 0 } }),
    ).toEqual({ health: 'healthy', reasons: [], severity: 0 });
  });

  it('is down when a source says so or the link went down in the window', () => {
    expect(judge({ up: false, rates: {} })).toMatchObject({
      health: 'down',
      reasons: ['link is down'],
    });
    expect(judge({ up: true, rates: { linkDowned: 0.0033 } })).toMatchObject({
      health: 'down',
      reasons: ['link downed 0.0033/s'],
    });
  });

  it('is degraded below the expected width or speed, saying by how much', () => {
    expect(judge({ up: true, speedGbps: 200, width: 2, rates: {} })).toEqual({
      health: 'degraded',
      reasons: ['width 2×, expected 4×', 'speed 200 Gb/s, expected 400 Gb/s'],
      severity: 2,
    });
  });

  it('is degraded over a threshold, naming the counter, rate and threshold', () => {
    const judged = judge({
      up: true,
      rates: { symbolErrors: 3.21, linkErrorRecovery: 0.0005 },
    });
    expect(judged.health).toBe('degraded');
    expect(judged.reasons).toEqual(['symbol errors 3.21/s (threshold 0.01/s)']);
    expect(judged.severity).toBeCloseTo(321);
  });

  it('judges NVLink counters by theirs, and transmit wait only when configured', () => {
    expect(
      judge({ rates: { nvlinkReplayErrors: 0.5, portXmitWait: 1e6 } }).reasons,
    ).toEqual(['NVLink replay errors 0.5/s (threshold 0.01/s)']);
    expect(
      judgeLink({ rates: { portXmitWait: 1e6 } }, ndr, { portXmitWait: 1e5 })
        .reasons,
    ).toEqual(['transmit wait 1000000/s (threshold 100000/s)']);
  });

  it('is unknown when nothing was measured', () => {
    expect(judge({ rates: {} }).health).toBe('unknown');
  });
});

describe('roll-ups', () => {
  it('rolls links up: unknown without known links, down when all are, degraded when any is', () => {
    expect(rollUpHealth([])).toBe('unknown');
    expect(rollUpHealth(['unknown', 'unknown'])).toBe('unknown');
    expect(rollUpHealth(['down', 'unknown'])).toBe('down');
    expect(rollUpHealth(['healthy', 'down'])).toBe('degraded');
    expect(rollUpHealth(['healthy', 'degraded'])).toBe('degraded');
    expect(rollUpHealth(['healthy', 'unknown'])).toBe('healthy');
  });

  it('counts the share of known links that are degraded or down', () => {
    const counts = countHealth([
      'healthy',
      'healthy',
      'degraded',
      'down',
      'unknown',
    ]);
    expect(counts).toEqual({ healthy: 2, degraded: 1, down: 1, unknown: 1 });
    expect(degradedShare(counts)).toBe(0.5);
    expect(degradedShare(countHealth(['unknown']))).toBe(0);
  });

  it('ranks states for "worsens"', () => {
    expect(healthRank('down')).toBeGreaterThan(healthRank('degraded'));
    expect(healthRank('degraded')).toBeGreaterThan(healthRank('healthy'));
    expect(healthRank('unknown')).toBe(healthRank('healthy'));
  });

  it('reads utilization over both directions of a full-duplex link', () => {
    // 50 GB/s each way on a 400 Gb/s link is full.
    expect(utilization(100e9, 400)).toBe(1);
    expect(utilization(25e9, 400)).toBe(0.25);
    expect(utilization(1e12, 400)).toBe(1);
    expect(utilization(undefined, 400)).toBeUndefined();
    expect(utilization(1e9, undefined)).toBeUndefined();
  });
});
