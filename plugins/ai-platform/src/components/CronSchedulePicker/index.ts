export { CronSchedulePicker, validateCronSchedule } from './CronSchedulePicker';
