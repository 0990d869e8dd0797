import { Facts } from '@ai-platform/plugin-ai-platform-common';
import { ParsedCardFacts } from './ComplianceService';
import { FoundModelCard } from './facts/modelCard';

/**
 * The `modelCard.*` facts of a card as found, before its content is parsed: present or not, and
 * why it could not be read (a problem every check of the card then shows).
 */
export function foundCardFacts(found?: FoundModelCard): ParsedCardFacts {
  if (!found) {
    return {
      facts: { 'modelCard.present': { value: false, source: 'catalog' } },
    };
  }
  if ('problem' in found) {
    const facts: Facts = {
      'modelCard.present': {
        value: false,
        source: found.source,
        problem: `The model card could not be read: ${found.problem}`,
      },
    };
    return { facts };
  }
  return {
    facts: { 'modelCard.present': { value: true, source: found.source } },
  };
}
