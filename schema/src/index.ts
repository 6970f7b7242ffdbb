export type { JobName, JobPayloads } from './jobs.js';
export { JOB_NAMES } from './jobs.js';
export type { ChangeKind, Topic, Topics } from './topics.js';
