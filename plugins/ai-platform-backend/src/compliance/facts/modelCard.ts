import { Entity, getEntitySourceLocation } from '@backstage/catalog-model';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  AiPlatformAnnotations,
  AiResourceType,
} from '@ai-platform/plugin-ai-platform-common';

/** A model card as found: its text and where it came from, or why it could not be read. */
export type FoundModelCard =
  | { text: string; source: string; format: 'markdown' | 'json' }
  | { problem: string; source: string };

export interface ModelCardReaders {
  /** The portal's own card of a registered model (`GET /model-registry/entries/:name/model-card`). */
  registryCard?: (name: string) => Promise<string | undefined>;
  urlReader?: UrlReaderService;
  readFile?: (file: string) => Promise<string>;
}

const formatOf = (name: string, text: string): 'markdown' | 'json' =>
  name.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{')
    ? 'json'
    : 'markdown';

/** Cards larger than this are refused rather than parsed. */
const MAX_CARD_BYTES = 1_000_000;

/**
 * The model card of an entity: for an ai-model Resource the portal's own registry entry's card
 * (when the model is registered in the portal), else the `ai-platform.io/model-card` annotation,
 * a URL read through the UrlReader or a path relative to the entity's `file:` location. Every
 * failure is a `problem`, never a throw.
 */
export async function findModelCard(
  entity: Entity,
  readers: ModelCardReaders,
  registeredName?: string,
): Promise<FoundModelCard | undefined> {
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  if (
    registeredName &&
    type === AiResourceType.aiModel &&
    readers.registryCard
  ) {
    const source = `model registry ${registeredName}`;
    try {
      const text = await readers.registryCard(registeredName);
      if (text) return { text, source, format: 'markdown' };
    } catch (error) {
      return {
        problem: `could not render the portal's card: ${error}`,
        source,
      };
    }
  }
  const target = entity.metadata.annotations?.[AiPlatformAnnotations.modelCard];
  if (!target?.trim()) return undefined;
  const annotation = AiPlatformAnnotations.modelCard;
  if (/^https?:\/\//.test(target)) {
    if (!readers.urlReader) {
      return { problem: `no URL reader to read ${target}`, source: target };
    }
    try {
      const res = await readers.urlReader.readUrl(target);
      const text = (await res.buffer()).toString('utf8');
      return { text, source: target, format: formatOf(target, text) };
    } catch (error) {
      return {
        problem: `could not read ${target}: ${(error as Error).message}`,
        source: target,
      };
    }
  }
  let location: { type: string; target: string };
  try {
    location = getEntitySourceLocation(entity);
  } catch {
    return {
      problem: `${annotation} is the relative path ${target}, but the entity has no source location`,
      source: target,
    };
  }
  if (location.type !== 'file') {
    const base = location.target.replace(/[^/]*$/, '');
    return findModelCard(
      {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: {
            ...entity.metadata.annotations,
            [annotation]: new URL(target, base).toString(),
          },
        },
      },
      readers,
    );
  }
  const base = path.dirname(location.target);
  const file = path.resolve(base, target);
  // A card is read from beside the catalog file or below it, never elsewhere on the disk.
  if (!file.startsWith(`${path.resolve(base)}${path.sep}`)) {
    return {
      problem: `${target} points outside the catalog files`,
      source: target,
    };
  }
  try {
    const read = readers.readFile ?? ((f: string) => fs.readFile(f, 'utf8'));
    const text = await read(file);
    if (text.length > MAX_CARD_BYTES) {
      return { problem: `${target} is larger than 1 MB`, source: target };
    }
    return { text, source: target, format: formatOf(file, text) };
  } catch (error) {
    return {
      problem: `could not read ${target}: ${
        (error as NodeJS.ErrnoException).code ?? error
      }`,
      source: target,
    };
  }
}
