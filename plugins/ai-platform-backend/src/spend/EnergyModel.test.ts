import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConfigReader } from '@backstage/config';
import { readEnergyConfig } from './energyConfig';
import { EnergyModel } from './EnergyModel';
import { UsageRow } from './SpendStore';

const H100 = 'NVIDIA H100 80GB HBM3';
const HOUR = 3_600_000;
const start = Date.parse('2026-11-20T10:00:00Z');

const energyConfig = (energy: object) =>
  readEnergyConfig(
    new ConfigReader({ aiPlatform: { spend: { energy } } }),
    m => (m === 'H100-SXM5-80GB' ? H100 : m),
  );

const demoEnergy = {
  gpuPower: [{ gpuModel: 'H100-SXM5-80GB', idleWatts: 120, maxWatts: 700 }],
  clusters: [
    {
      cluster: 'cluster-a',
      pue: 1.25,
      gridIntensity: 350,
      waterLitresPerKwh: 1.8,
    },
  ],
};

const row = (over: Partial<UsageRow>): UsageRow => ({
  sourceKey: `dcgm|${start}|ns`,
  source: 'prometheus',
  periodStart: start,
  periodEnd: start + HOUR,
  team: 'group:default/recsys',
  attribution: 'namespace:recsys-train',
  resourceType: 'gpu',
  gpuModel: H100,
  pricingClass: 'on-demand',
  cost: 0,
  gpuHours: 4,
  usedGpuHours: 3,
  ...over,
});

describe('EnergyModel', () => {
  it('carries measured energy through the cluster’s PUE, grid and water factor', async () => {
    const model = new EnergyModel({ config: energyConfig(demoEnergy) });
    const [out] = await model.complete([
      row({ cluster: 'cluster-a', energyKwh: 2.6 }),
    ]);
    // 2.6 kWh × 1.25 = 3.25 kWh; × 350 g = 1137.5 g; × 1.8 L = 5.85 L.
    expect(out.energyKwh).toBe(2.6);
    expect(out.estimatedEnergyKwh).toBe(0);
    expect(out.facilityEnergyKwh).toBeCloseTo(3.25, 9);
    expect(out.carbonGrams).toBeCloseTo(1137.5, 9);
    expect(out.waterLitres).toBeCloseTo(5.85, 9);
  });

  it('estimates energy from utilization where no power was seen, and says it is an estimate', async () => {
    const model = new EnergyModel({ config: energyConfig(demoEnergy) });
    const [out] = await model.complete([
      row({ gpuHours: 8, usedGpuHours: 6 }),
    ]);
    // 8 GPU-hours at 120 W idle = 0.96 kWh, plus 6 busy hours × 580 W = 3.48 kWh.
    expect(out.energyKwh).toBeCloseTo(4.44, 9);
    expect(out.estimatedEnergyKwh).toBeCloseTo(4.44, 9);
    // No cluster: the defaults, PUE 1.58 and 480 g/kWh; no water factor.
    expect(out.facilityEnergyKwh).toBeCloseTo(4.44 * 1.58, 9);
    expect(out.carbonGrams).toBeCloseTo(4.44 * 1.58 * 480, 9);
    expect(out.waterLitres).toBe(0);
  });

  it('leaves billing rows and models without a power range alone', async () => {
    const model = new EnergyModel({ config: energyConfig(demoEnergy) });
    const billing = row({ source: 'focus', cost: 10 });
    const unknown = row({ gpuModel: 'NVIDIA A10G' });
    expect(await model.complete([billing, unknown])).toEqual([
      billing,
      unknown,
    ]);
  });

  it('takes the maximum from imported nvidia-smi power limits when config gives only idle', async () => {
    const config = energyConfig({
      gpuPower: [{ gpuModel: H100, idleWatts: 120 }],
    });
    const withLimit = new EnergyModel({
      config,
      powerLimits: async () => new Map([[H100, 700]]),
    });
    const [out] = await withLimit.complete([
      row({ gpuHours: 1, usedGpuHours: 1 }),
    ]);
    expect(out.energyKwh).toBeCloseTo(0.7, 9);
    const without = new EnergyModel({ config });
    const [none] = await without.complete([row({})]);
    expect(none.energyKwh).toBeUndefined();
  });

  it('averages an hourly grid series over the hours a row covers, falling back outside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grid-'));
    const file = join(dir, 'grid.csv');
    writeFileSync(
      file,
      'datetime,gco2e_per_kwh\n2026-11-20T10:00:00Z,100\n2026-11-20T11:00:00Z,300\n',
    );
    const model = new EnergyModel({
      config: energyConfig({
        regions: [
          { region: 'eu-north', gridIntensity: 50, gridIntensityFile: file },
        ],
        clusters: [{ cluster: 'cluster-b', region: 'eu-north', pue: 1 }],
      }),
    });
    const [twoHours, later] = await model.complete([
      row({ cluster: 'cluster-b', energyKwh: 1, periodEnd: start + 2 * HOUR }),
      row({
        sourceKey: 'later',
        cluster: 'cluster-b',
        energyKwh: 1,
        periodStart: start + 5 * HOUR,
        periodEnd: start + 6 * HOUR,
      }),
    ]);
    expect(twoHours.carbonGrams).toBeCloseTo(200, 9);
    expect(later.carbonGrams).toBeCloseTo(50, 9);
  });

  it('refuses config that names a bad factor, an unknown region or a broken series file', () => {
    expect(() =>
      energyConfig({ clusters: [{ cluster: 'a', pue: 0.9 }] }),
    ).toThrow(/clusters\[0\].*pue/i);
    expect(() =>
      energyConfig({ regions: [{ region: 'eu', gridIntensity: -1 }] }),
    ).toThrow('aiPlatform.spend.energy.regions[0].gridIntensity: must be');
    expect(() =>
      energyConfig({ clusters: [{ cluster: 'a', region: 'mars' }] }),
    ).toThrow('aiPlatform.spend.energy.clusters[0].region: mars');
    const dir = mkdtempSync(join(tmpdir(), 'grid-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'datetime,gco2e_per_kwh\nyesterday,100\n');
    expect(() =>
      energyConfig({ defaults: { gridIntensityFile: file } }),
    ).toThrow(/defaults\.gridIntensityFile .*line 2/);
    expect(() =>
      energyConfig({ gpuPower: [{ gpuModel: H100, idleWatts: 700, maxWatts: 100 }] }),
    ).toThrow('aiPlatform.spend.energy.gpuPower[0]');
  });
});
