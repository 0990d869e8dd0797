/**
 * The suite's permission policy as a permission backend module:
 * `backend.add(import('@ai-platform/plugin-ai-platform-backend/policy'))`.
 *
 * @packageDocumentation
 */
export { aiPlatformPermissionPolicyModule as default } from './permissions';
