import fs from 'node:fs';
import path from 'node:path';
import { parseNvidiaSmiCsv, parseNvidiaSmiXml } from './nvidiaSmi';

// Real captures from an H100 (shared/fixtures, beside the repository).
const fixtures = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/nvidia-smi/h100',
);
const read = (name: string) =>
  fs.readFileSync(path.join(fixtures, name), 'utf8');
const H100 = 'GPU-912c06d9-f952-11b8-1d13-7f0ccac39584';

describe('parseNvidiaSmiXml', () => {
  it('reads an H100 under load', () => {
    expect(parseNvidiaSmiXml(read('load-q.xml'))).toEqual([
      {
        uuid: H100,
        gpuModel: 'NVIDIA-H100-80GB-HBM3',
        memoryMiB: 81559,
        memoryUsedMiB: 29751,
        utilizationPercent: 100,
        powerDrawW: 697.78,
        powerLimitW: 700,
      },
    ]);
  });

  it('reads an idle H100', () => {
    const [gpu] = parseNvidiaSmiXml(read('idle-q.xml'));
    expect(gpu).toMatchObject({
      uuid: H100,
      memoryMiB: 81559,
      utilizationPercent: 0,
    });
  });

  it('refuses what is not nvidia-smi output, saying what is wrong', () => {
    expect(() => parseNvidiaSmiXml('<html><body/></html>')).toThrow(
      'not nvidia-smi -q -x output: there is no <nvidia_smi_log> element',
    );
    expect(() => parseNvidiaSmiXml('<nvidia_smi_log><gpu>')).toThrow(
      /not well-formed XML/,
    );
    expect(() =>
      parseNvidiaSmiXml(
        '<nvidia_smi_log><gpu><product_name>X</product_name></gpu></nvidia_smi_log>',
      ),
    ).toThrow('gpu 1: <uuid> is missing');
    expect(() =>
      parseNvidiaSmiXml(
        '<nvidia_smi_log><gpu><uuid>GPU-1</uuid><product_name>X</product_name><fb_memory_usage><total>80 GB</total></fb_memory_usage></gpu></nvidia_smi_log>',
      ),
    ).toThrow(
      "gpu 1: <fb_memory_usage><total>: '80 GB' is not a number of MiB",
    );
  });
});

describe('parseNvidiaSmiCsv', () => {
  it('reads samples of an H100 under load as one GPU with its mean utilization', () => {
    const [gpu, ...rest] = parseNvidiaSmiCsv(read('load-query-gpu.csv'));
    expect(rest).toEqual([]);
    expect(gpu).toMatchObject({
      uuid: H100,
      gpuModel: 'NVIDIA-H100-80GB-HBM3',
      memoryMiB: 81559,
      memoryUsedMiB: 29751,
      powerDrawW: 698.15,
    });
    expect(gpu.utilizationPercent).toBeGreaterThan(99);
    expect(gpu.utilizationPercent).toBeLessThanOrEqual(100);
  });

  it('reads the wider query of an idle GPU', () => {
    const misc = read('misc.txt').split('\n');
    const start = misc.findIndex(l => l.startsWith('index, uuid, name'));
    const [gpu] = parseNvidiaSmiCsv(misc.slice(start, start + 2).join('\n'));
    expect(gpu).toMatchObject({
      uuid: H100,
      utilizationPercent: 0,
      powerLimitW: 700,
      powerDrawW: 70.96,
    });
  });

  it('refuses malformed input with the line and field', () => {
    expect(() => parseNvidiaSmiCsv('index, name\n0, H100')).toThrow(
      "line 1: the header has no 'uuid' column",
    );
    const header = 'uuid, name, memory.total [MiB]';
    expect(() => parseNvidiaSmiCsv(`${header}\n${H100}, H100`)).toThrow(
      'line 2: expected 3 fields, found 2',
    );
    expect(() => parseNvidiaSmiCsv(`${header}\n${H100}, H100, lots`)).toThrow(
      "line 2, memory.total [MiB]: 'lots' is not a number of MiB",
    );
    expect(() =>
      parseNvidiaSmiCsv(`${header}\nnot-a-gpu, H100, 80 MiB`),
    ).toThrow("line 2, uuid: 'not-a-gpu' is not a GPU UUID");
    expect(() => parseNvidiaSmiCsv('')).toThrow('the nvidia-smi CSV is empty');
  });
});
