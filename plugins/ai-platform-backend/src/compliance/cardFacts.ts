import {
  modelCardFacts,
  parseModelCardToolkit,
} from '@ai-platform/plugin-ai-platform-common';
import { ParsedCardFacts } from './ComplianceService';
import { FoundModelCard } from './facts/modelCard';
import { parseHuggingFaceCard } from './huggingFaceCard';

/**
 * The `modelCard.*` facts of a card as found: parsed as Model Card Toolkit JSON or a Hugging
 * Face README; a card that could not be read gives facts carrying why, so its checks say it.
 */
export function foundCardFacts(found?: FoundModelCard): ParsedCardFacts {
  if (!found) return { facts: modelCardFacts(undefined) };
  if ('problem' in found) {
    return {
      facts: modelCardFacts(
        undefined,
        `The model card ${found.source} could not be read: ${found.problem}`,
      ),
    };
  }
  const file = found.source.split('/').pop() || found.source;
  const card =
    found.format === 'json'
      ? parseModelCardToolkit(found.text, file)
      : parseHuggingFaceCard(found.text, file);
  return { card, facts: modelCardFacts(card) };
}
