import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  ComplianceCheck,
  complianceCheckSchema,
  describeZodIssues,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * The checks of `aiPlatform.compliance.checks`, each validated; a bad one fails start-up naming
 * it and its fields. An id of a shipped check replaces that check.
 */
export function readConfiguredChecks(
  config: RootConfigService,
  shipped: readonly ComplianceCheck[],
): ComplianceCheck[] {
  const raw =
    config.getOptional<unknown[]>('aiPlatform.compliance.checks') ?? [];
  if (!Array.isArray(raw)) {
    throw new Error('aiPlatform.compliance.checks must be a list of checks');
  }
  const configured = raw.map((value, i) => {
    const parsed = complianceCheckSchema.safeParse(value);
    if (!parsed.success) {
      const id = (value as { id?: unknown } | null)?.id;
      throw new Error(
        `aiPlatform.compliance.checks[${i}]${
          typeof id === 'string' ? ` (${id})` : ''
        } is not a valid check: ${describeZodIssues(parsed.error)}`,
      );
    }
    return parsed.data as ComplianceCheck;
  });
  const ids = new Set(configured.map(c => c.id));
  return [...shipped.filter(c => !ids.has(c.id)), ...configured];
}
