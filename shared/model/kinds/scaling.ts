import { z } from 'zod';

export const ScalableTargetPropsSchema = z.strictObject({
  minCapacity: z.number().int().min(0).describe('Fewest tasks auto scaling may leave running.'),
  maxCapacity: z.number().int().min(0).describe('Most tasks auto scaling may start.'),
  suspendScaleIn: z.boolean().optional(),
});

export const TargetTrackingPolicyPropsSchema = z.strictObject({
  policyName: z.string().min(1).max(256),
  metric: z
    .enum(['ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization', 'ALBRequestCountPerTarget'])
    .describe('Predefined metric to track; ALBRequestCountPerTarget needs the service attached to an ALB target group.'),
  targetValue: z.number().positive().describe('Value of the metric to hold (percent for CPU/memory, requests per target per minute for ALB).'),
  scaleInCooldown: z.number().int().min(0).optional(),
  scaleOutCooldown: z.number().int().min(0).optional(),
  disableScaleIn: z.boolean().optional(),
});

export const StepScalingPolicyPropsSchema = z.strictObject({
  policyName: z.string().min(1).max(256),
  adjustmentType: z.enum(['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity']).default('ChangeInCapacity'),
  cooldown: z.number().int().min(0).optional(),
  metricAggregationType: z.enum(['Average', 'Minimum', 'Maximum']).optional(),
  minAdjustmentMagnitude: z.number().int().optional(),
  stepAdjustments: z
    .array(
      z.strictObject({
        metricIntervalLowerBound: z.number().optional(),
        metricIntervalUpperBound: z.number().optional(),
        scalingAdjustment: z.number().int(),
      }),
    )
    .min(1),
  alarm: z
    .strictObject({
      alarmName: z.string().optional(),
      namespace: z.string().min(1).describe('CloudWatch namespace, e.g. AWS/SQS.'),
      metricName: z.string().min(1),
      dimensions: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
      statistic: z.enum(['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount']).default('Average'),
      period: z.number().int().min(10).default(60),
      evaluationPeriods: z.number().int().min(1).default(1),
      threshold: z.number(),
      comparisonOperator: z.enum(['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold']),
    })
    .describe('CloudWatch alarm that triggers the policy.'),
});

export const ScheduledActionPropsSchema = z.strictObject({
  scheduledActionName: z.string().min(1).max(256),
  schedule: z.string().min(1).describe('at(yyyy-mm-ddThh:mm:ss), rate(n unit) or cron(minutes hours day-of-month month day-of-week year).'),
  timezone: z.string().optional().describe('IANA time zone of the schedule, e.g. Europe/Budapest (default UTC).'),
  minCapacity: z.number().int().min(0).optional(),
  maxCapacity: z.number().int().min(0).optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
});
