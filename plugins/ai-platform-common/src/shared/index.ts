export {
  entityRefSchema,
  isoDateTimeSchema,
  teamPoolFields,
} from './entityRef';
export { describeZodIssues } from './zod';
export { describeFetchFailure } from './fetchFailure';
export { aiPlatformPermissions } from './permissions';
