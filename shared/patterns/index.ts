export { PATTERNS, findPattern, loadBalancedWebService, spotQueueWorker, scheduledTask, ec2Cluster, efsService } from './patterns';
export type { Pattern, PatternOptions } from './patterns';
