export { registerActions } from './registerActions';
export type { ActionServices } from './registerActions';
