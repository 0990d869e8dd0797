export { GpuPoolPicker, validateGpuPool } from './GpuPoolPicker';
export type { GpuPoolChoice } from './GpuPoolPicker';
