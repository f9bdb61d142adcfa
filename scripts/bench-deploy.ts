/**
 * Deploy benchmark (prints figures; nothing asserts them). Run: npx tsx scripts/bench-deploy.ts [--services N]
 *
 * Starts moto on 127.0.0.1 (services report running at once: MOTO_ECS_SERVICE_RUNNING=1), then deploys a
 * hand-written resource IR of N Fargate services (default 20; each a task definition and a service, sharing a log
 * group, two roles, an ECR repository and a cluster: main/deploy/testing/fixture.ts) with the deploy engine:
 *   - first deploy (everything created): wall time, API calls (total / mutating);
 *   - redeploy of the unchanged template: wall time, API calls (must be 0 mutating);
 *   - one image changed: wall time, API calls.
 */
import { cpus, loadavg } from 'node:os';
import { isMutating, type ApiCall } from '../main/deploy/clients';
import { apply, type DeployReport } from '../main/deploy/engine';
import { sampleTemplate } from '../main/deploy/testing/fixture';
import { defaultNetworkParams } from '../main/deploy/testing/motoNetwork';
import { motoTarget, startMoto } from '../main/aws/testing/moto';

const arg = process.argv.indexOf('--services');
const services = arg > 0 ? Number(process.argv[arg + 1]) : 20;

const moto = await startMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', MOTO_ECS_SERVICE_RUNNING: '1' } });
try {
  const parameters = await defaultNetworkParams(moto.endpoint);
  const run = async (label: string, image?: (i: number) => string): Promise<DeployReport> => {
    const calls: ApiCall[] = [];
    const started = performance.now();
    const report = await apply(sampleTemplate({ services, ...(image ? { image } : {}) }), {
      target: motoTarget(moto.endpoint),
      designId: 'bench-design',
      stackName: 'bench',
      parameters,
      concurrency: 4,
      pollIntervalMs: 200,
      stableTimeoutMs: 60_000,
      onCall: (c) => calls.push(c),
    });
    const ms = performance.now() - started;
    const mutating = calls.filter((c) => isMutating(c.command)).length;
    console.log(`${label.padEnd(22)} ${report.status.padEnd(9)} ${(ms / 1000).toFixed(2).padStart(7)} s   ${String(calls.length).padStart(5)} API calls (${mutating} mutating)   ${report.message}`);
    return report;
  };
  console.log(`deploy benchmark: ${services} services + 5 shared resources to moto (${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2)})`);
  await run('first deploy');
  await run('unchanged redeploy');
  await run('one image changed', (i) => (i === 0 ? 'public.ecr.aws/nginx/nginx:1.28' : `public.ecr.aws/nginx/nginx:1.27-svc${i}`));
} finally {
  await moto.stop();
}
