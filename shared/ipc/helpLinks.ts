/**
 * Documentation links offered in the Help menus (native and in-page). All are https on docs.aws.amazon.com,
 * the only host main will open externally.
 */
export const HELP_LINKS = [
  {
    id: 'ecs-developer-guide',
    label: 'Amazon ECS Developer Guide',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html',
  },
  {
    id: 'fargate',
    label: 'AWS Fargate for Amazon ECS',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html',
  },
  {
    id: 'task-definition-parameters',
    label: 'Task Definition Parameters',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html',
  },
] as const;

export type HelpLink = (typeof HELP_LINKS)[number];
