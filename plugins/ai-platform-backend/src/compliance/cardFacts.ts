import {
  modelCardFacts,
  parseHuggingFaceModelCard,
  parseModelCardToolkit,
} from '@ai-platform/plugin-ai-platform-common';
import { ParsedCardFacts } from './ComplianceService';
import { FoundModelCard } from './facts/modelCard';

/**
 * The `modelCard.*` facts of a card as found: parsed by the common package's parsers, as Model
 * Card Toolkit JSON or a Hugging Face README (front matter and sections); a card that could not
 * be read gives facts carrying why, so its checks say it.
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
      : parseHuggingFaceModelCard(found.text, file);
  return { card, facts: modelCardFacts(card) };
}
