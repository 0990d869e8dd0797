import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DriftWindowInput,
  SeededSampleSpec,
  seededSample,
} from '@ai-platform/plugin-ai-platform-common';
import { readFile } from 'fs/promises';
import { parse } from 'yaml';
import { z } from 'zod/v3';
import { DriftStore } from './DriftStore';
import { DriftService } from './DriftService';

const spec = z.union([
  z.object({
    shape: z.literal('bell'),
    n: z.number().int().positive(),
    seed: z.number().int(),
    centre: z.number(),
    scale: z.number(),
  }),
  z.object({
    shape: z.literal('uniform'),
    n: z.number().int().positive(),
    seed: z.number().int(),
    low: z.number(),
    width: z.number(),
  }),
  z.object({
    shape: z.literal('integers'),
    n: z.number().int().positive(),
    seed: z.number().int(),
    low: z.number().int(),
    count: z.number().int().positive(),
  }),
]);

const demoFile = z.object({
  models: z.array(
    z.object({
      model: z.string(),
      features: z.array(
        z.object({
          name: z.string(),
          /** Makes the feature categorical: integer i of the sample is labels[i]. */
          labels: z.array(z.string()).optional(),
          reference: spec,
          /** One window per day, oldest first, the last ending now. */
          current: z.array(spec).min(1),
        }),
      ),
    }),
  ),
});

const DAY = 86_400_000;

/**
 * Seeds the drift store from a demo file (`aiPlatform.drift.demoData`): seeded samples per model
 * and feature, pushed through the same ingest path as real windows and then judged by the engine,
 * so the demo shows computed results. A model that already has windows is left alone.
 */
export async function seedDriftDemo(options: {
  path: string;
  store: DriftStore;
  service: DriftService;
  logger: LoggerService;
  now?: Date;
}) {
  const { store, service, logger } = options;
  const now = options.now ?? new Date();
  const demo = demoFile.parse(parse(await readFile(options.path, 'utf8')));
  let seeded = 0;
  for (const { model, features } of demo.models) {
    if (await store.hasWindows(model)) continue;
    for (const feature of features) {
      const values = (s: SeededSampleSpec) => {
        const sample = Array.from(seededSample(s));
        return feature.labels
          ? sample.map(i => feature.labels![i] ?? `other-${i}`)
          : sample;
      };
      await service.ingest(
        {
          model,
          feature: feature.name,
          role: 'reference',
          values: values(feature.reference) as DriftWindowInput['values'],
        },
        new Date(now.getTime() - 60 * DAY),
      );
      for (const [i, s] of feature.current.entries()) {
        const end = new Date(
          now.getTime() - (feature.current.length - 1 - i) * DAY,
        );
        await service.ingest(
          {
            model,
            feature: feature.name,
            role: 'current',
            values: values(s) as DriftWindowInput['values'],
            windowStart: new Date(end.getTime() - DAY).toISOString(),
            windowEnd: end.toISOString(),
          },
          now,
        );
      }
    }
    seeded++;
  }
  if (seeded)
    logger.info(
      `Seeded drift demo data for ${seeded} models from ${options.path}`,
    );
}
