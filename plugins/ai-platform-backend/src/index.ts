/**
 * The AI Platform backend plugin: GPU capacity, quotas, spend, drift and the rest of the
 * platform's domains.
 *
 * @packageDocumentation
 */
export { aiPlatformPlugin as default } from './plugin';
export {
  AiPlatformPermissionPolicy,
  aiPlatformPermissionPolicyModule,
  aiPlatformTeamConditions,
  aiPlatformTeamResourceRef,
  aiPlatformTeamRules,
  createAiPlatformTeamConditionalDecision,
} from './permissions';
export type { AiPlatformTeamQuery } from './permissions';
