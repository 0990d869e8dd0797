export {
  entityRefSchema,
  isoDateTimeSchema,
  teamPoolFields,
} from './entityRef';
export { describeZodIssues } from './zod';
export { aiPlatformPermissions } from './permissions';
