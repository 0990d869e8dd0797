import { InputError } from '@backstage/errors';
import { XMLParser } from 'fast-xml-parser';

/** One GPU as `nvidia-smi` reports it. */
export interface GpuDevice {
  uuid: string;
  /** The product as the GPU operator labels nodes (`nvidia.com/gpu.product`): `NVIDIA-H100-80GB-HBM3`. */
  gpuModel: string;
  memoryMiB: number;
  memoryUsedMiB?: number;
  /** GPU utilization in percent; the mean over the samples when there are several. */
  utilizationPercent?: number;
  powerDrawW?: number;
  powerLimitW?: number;
}

const productLabel = (name: string) => name.trim().replace(/\s+/g, '-');

/** `81559 MiB` → 81559; `N/A`, `[N/A]` and `[Not Supported]` → undefined. */
function measure(
  value: unknown,
  unit: string,
  where: string,
): number | undefined {
  const text = String(value ?? '').trim();
  if (text === '' || /^\[?(N\/A|Not Supported|Unknown Error)\]?$/i.test(text)) {
    return undefined;
  }
  const match = text.match(/^(-?\d+(?:\.\d+)?)\s*(\S+)?$/);
  if (!match || (match[2] !== undefined && match[2] !== unit)) {
    throw new InputError(`${where}: '${text}' is not a number of ${unit}`);
  }
  return Number(match[1]);
}

function required<T>(value: T | undefined, where: string): T {
  if (value === undefined) {
    throw new InputError(`${where} is missing`);
  }
  return value;
}

/** Parses the output of `nvidia-smi -q -x`. */
export function parseNvidiaSmiXml(xml: string): GpuDevice[] {
  let doc: any;
  try {
    doc = new XMLParser({ ignoreAttributes: true, parseTagValue: false }).parse(
      xml,
      true,
    );
  } catch (error) {
    throw new InputError(`not well-formed XML: ${(error as Error).message}`);
  }
  const log = doc?.nvidia_smi_log;
  if (!log) {
    throw new InputError(
      'not nvidia-smi -q -x output: there is no <nvidia_smi_log> element',
    );
  }
  const gpus = ([] as any[]).concat(log.gpu ?? []);
  if (gpus.length === 0) {
    throw new InputError('nvidia-smi -q -x output lists no <gpu>');
  }
  return gpus.map((gpu, i) => {
    const where = `gpu ${i + 1}`;
    const uuid = required(
      gpu.uuid ? String(gpu.uuid).trim() : undefined,
      `${where}: <uuid>`,
    );
    const name = required(
      gpu.product_name ? String(gpu.product_name) : undefined,
      `${where}: <product_name>`,
    );
    const power = gpu.gpu_power_readings ?? gpu.power_readings ?? {};
    return {
      uuid,
      gpuModel: productLabel(name),
      memoryMiB: required(
        measure(
          gpu.fb_memory_usage?.total,
          'MiB',
          `${where}: <fb_memory_usage><total>`,
        ),
        `${where}: <fb_memory_usage><total>`,
      ),
      memoryUsedMiB: measure(
        gpu.fb_memory_usage?.used,
        'MiB',
        `${where}: <fb_memory_usage><used>`,
      ),
      utilizationPercent: measure(
        gpu.utilization?.gpu_util,
        '%',
        `${where}: <utilization><gpu_util>`,
      ),
      powerDrawW: measure(
        power.average_power_draw ?? power.power_draw,
        'W',
        `${where}: power draw`,
      ),
      powerLimitW: measure(
        power.current_power_limit ?? power.power_limit,
        'W',
        `${where}: power limit`,
      ),
    };
  });
}

const CSV_COLUMNS = {
  uuid: 'uuid',
  name: 'name',
  memoryTotal: 'memory.total [MiB]',
  memoryUsed: 'memory.used [MiB]',
  utilization: 'utilization.gpu [%]',
  powerDraw: 'power.draw [W]',
  powerLimit: 'power.limit [W]',
};

/**
 * Parses the output of `nvidia-smi --query-gpu=uuid,name,memory.total[,…] --format=csv`. Rows
 * may repeat a GPU (sampled with `-l`): its utilization is the mean, the rest the last sample.
 */
export function parseNvidiaSmiCsv(csv: string): GpuDevice[] {
  const lines = csv.split(/\r?\n/).filter(line => line.trim() !== '');
  if (lines.length === 0) {
    throw new InputError('the nvidia-smi CSV is empty');
  }
  const header = lines[0].split(',').map(h => h.trim());
  const column = (name: string) => header.indexOf(name);
  for (const name of [
    CSV_COLUMNS.uuid,
    CSV_COLUMNS.name,
    CSV_COLUMNS.memoryTotal,
  ]) {
    if (column(name) < 0) {
      throw new InputError(
        `line 1: the header has no '${name}' column; run nvidia-smi --query-gpu=uuid,name,memory.total,memory.used,utilization.gpu,power.draw,power.limit --format=csv`,
      );
    }
  }
  const devices = new Map<string, GpuDevice & { samples: number[] }>();
  lines.slice(1).forEach((line, i) => {
    const where = `line ${i + 2}`;
    const fields = line.split(',').map(f => f.trim());
    if (fields.length !== header.length) {
      throw new InputError(
        `${where}: expected ${header.length} fields, found ${fields.length}`,
      );
    }
    const get = (name: string) =>
      column(name) >= 0 ? fields[column(name)] : undefined;
    const uuid = get(CSV_COLUMNS.uuid)!;
    if (!/^GPU-[0-9a-f-]+$/i.test(uuid)) {
      throw new InputError(`${where}, uuid: '${uuid}' is not a GPU UUID`);
    }
    const unitOf = (name: string) => name.match(/\[(.+)\]$/)![1];
    const num = (name: string) =>
      get(name) === undefined
        ? undefined
        : measure(get(name), unitOf(name), `${where}, ${name}`);
    const utilization = num(CSV_COLUMNS.utilization);
    const previous = devices.get(uuid);
    const samples = [
      ...(previous?.samples ?? []),
      ...(utilization === undefined ? [] : [utilization]),
    ];
    devices.set(uuid, {
      uuid,
      gpuModel: productLabel(get(CSV_COLUMNS.name)!),
      memoryMiB: required(
        num(CSV_COLUMNS.memoryTotal),
        `${where}, memory.total`,
      ),
      memoryUsedMiB: num(CSV_COLUMNS.memoryUsed),
      powerDrawW: num(CSV_COLUMNS.powerDraw),
      powerLimitW: num(CSV_COLUMNS.powerLimit),
      samples,
    });
  });
  if (devices.size === 0) {
    throw new InputError('the nvidia-smi CSV has a header but no GPU rows');
  }
  return [...devices.values()].map(({ samples, ...device }) => ({
    ...device,
    utilizationPercent: samples.length
      ? Math.round((samples.reduce((a, b) => a + b, 0) / samples.length) * 10) /
        10
      : undefined,
  }));
}
