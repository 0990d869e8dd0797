export { WorkspaceImagePicker } from './WorkspaceImagePicker';
