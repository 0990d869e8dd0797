export {
  entityRefSchema,
  isoDateTimeSchema,
  PORTAL_ENTITY_REF_TAG,
  teamPoolFields,
} from './entityRef';
export { describeZodIssues } from './zod';
export { describeFetchFailure } from './fetchFailure';
export { aiPlatformPermissions } from './permissions';
export { AI_PLATFORM_TEAM_RESOURCE_TYPE } from './resourceTypes';
