/**
 * What deploying calls that needs the AWS SDK: the deploy engine, the CloudFormation stack path, the live status
 * and verify calls, and the AWS target checks (the SDK's credential providers). Its users load it when they deploy
 * (loadEngine.ts), not when they start: loading and initialising the SDK took ~0.5 s of every start of the CLI
 * (`ecs-designer --help` included) and ~0.7 s before the app's window could open. scripts/build-cli.mjs and the
 * main process build (electron.vite.config.ts) fail when the SDK reaches the code every start loads.
 */
export { AwsTargetError, checkAwsTarget } from '../aws/clientConfig';
export { apply, destroy, plan, TemplateError } from './engine';
export { discardStackPlan, executeStack, planStack, StackError } from './stack';
export { serviceStatus } from './status';
export { verifyDesign } from './verify';
