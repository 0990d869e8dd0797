export { entityRefSchema, isoDateTimeSchema } from './entityRef';
export { describeZodIssues } from './zod';
export { aiPlatformPermissions } from './permissions';
