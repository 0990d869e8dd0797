export { AiPlatformPermissionPolicy } from './AiPlatformPermissionPolicy';
export { aiPlatformPermissionPolicyModule } from './policyModule';
export {
  aiPlatformTeamConditions,
  aiPlatformTeamResourceRef,
  aiPlatformTeamRules,
  createAiPlatformTeamConditionalDecision,
  getTeamResources,
  isTeamMember,
} from './teamRules';
export type { AiPlatformTeamQuery } from './teamRules';
