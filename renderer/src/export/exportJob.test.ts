import { describe, expect, it } from 'vitest';
import { loadBalancedWebService } from '../../../shared/patterns/index';
import { setProps } from '../../../shared/rules/testing/designs';
import { ExportGenerator, type ExportWorkerPort } from './exportClient';
import { ExportJobs, type ExportReply, type ExportRequest } from './exportJob';
import { generateExport } from './generate';

const design = loadBalancedWebService({ settings: { region: 'eu-central-1', accountId: '123456789012' } });

/** The pattern with a task size Fargate does not offer (an error finding on the task definition). */
const oversized = setProps(design, design.nodes.find((n) => n.kind === 'taskDefinition')!.id, { cpu: '512', memory: '8192' });

describe('ExportJobs (the export worker)', () => {
  it('generates each format of the session design as the page would', () => {
    const jobs = new ExportJobs();
    // The design arrives as a structured clone, as through postMessage.
    expect(jobs.handle(structuredClone({ kind: 'design', session: 1, design }))).toBeUndefined();
    const yaml = jobs.handle({ kind: 'generate', session: 1, id: 7, format: 'cloudformation-yaml', force: false });
    expect(yaml).toEqual({ id: 7, result: { ok: true, files: generateExport(design, 'cloudformation-yaml') } });
    const tf = jobs.handle({ kind: 'generate', session: 1, id: 8, format: 'terraform', force: false });
    expect(tf).toEqual({ id: 8, result: { ok: true, files: generateExport(design, 'terraform') } });
  });

  it('refuses a design with validation errors until forced, naming the count', () => {
    const jobs = new ExportJobs();
    jobs.handle({ kind: 'design', session: 1, design: oversized });
    expect(jobs.handle({ kind: 'generate', session: 1, id: 1, format: 'cdk', force: false })?.result).toEqual({
      ok: false,
      validation: true,
      message: 'the design has 1 validation error (see the Problems panel), so the result may not deploy.',
    });
    const forced = jobs.handle({ kind: 'generate', session: 1, id: 2, format: 'cdk', force: true })?.result;
    expect(forced?.ok).toBe(true);
  });

  it('goes by the findings sent with the design', () => {
    const jobs = new ExportJobs();
    jobs.handle({ kind: 'design', session: 1, design: oversized, findings: [] });
    expect(jobs.handle({ kind: 'generate', session: 1, id: 1, format: 'terraform', force: false })?.result.ok).toBe(true);
  });

  it('answers a request of a session it does not have (closed, or a worker started since) with what to do', () => {
    const jobs = new ExportJobs();
    jobs.handle({ kind: 'design', session: 2, design });
    const stale = jobs.handle({ kind: 'generate', session: 1, id: 3, format: 'terraform', force: false });
    expect(stale).toEqual({ id: 3, result: { ok: false, validation: false, message: expect.stringMatching(/no design for this dialog.*open the dialog again/) } });
    // Forgetting another session keeps this one; forgetting this one drops it.
    jobs.handle({ kind: 'forget', session: 1 });
    expect(jobs.handle({ kind: 'generate', session: 2, id: 4, format: 'taskdefs', force: false })?.result.ok).toBe(true);
    jobs.handle({ kind: 'forget', session: 2 });
    expect(jobs.handle({ kind: 'generate', session: 2, id: 5, format: 'taskdefs', force: false })?.result.ok).toBe(false);
  });

  it('names what is wrong with a message it cannot read', () => {
    const jobs = new ExportJobs();
    expect(() => jobs.handle(null)).toThrow('export worker: expected an object, got null');
    expect(() => jobs.handle({ kind: 'generate', id: 1, format: 'terraform', force: false })).toThrow('"session" must be a number');
    expect(() => jobs.handle({ kind: 'generate', session: 1, id: 1, format: 'pulumi', force: false })).toThrow(/unknown format "pulumi" \(one of cloudformation-yaml, .*taskdefs\)/);
    expect(() => jobs.handle({ kind: 'generate', session: 1, id: 1, format: 'cdk', force: 'yes' })).toThrow('"force" must be true or false');
    expect(() => jobs.handle({ kind: 'design', session: 1, design: { nodes: 'x' } })).toThrow('"design" must be a design');
    expect(() => jobs.handle({ kind: 'render', session: 1 })).toThrow('unknown message kind "render"');
  });
});

/**
 * A worker stand-in for the generator: ExportJobs behind an asynchronous, structured-clone transport, as in the
 * export worker (export.worker.ts is this glue around the same class). `crash()` fails it as a worker error would.
 */
class LoopbackWorker implements ExportWorkerPort {
  onmessage: ((e: MessageEvent<ExportReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  readonly received: ExportRequest[] = [];
  terminated = false;
  private readonly jobs = new ExportJobs();

  postMessage(message: ExportRequest): void {
    const copy = structuredClone(message);
    this.received.push(copy);
    setTimeout(() => {
      if (this.terminated) return;
      const reply = this.jobs.handle(copy);
      if (reply !== undefined) this.onmessage?.({ data: structuredClone(reply) } as MessageEvent<ExportReply>);
    }, 0);
  }

  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => {} } as unknown as ErrorEvent);
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('ExportGenerator (the dialog side)', () => {
  function generator(): { gen: ExportGenerator; workers: LoopbackWorker[] } {
    const workers: LoopbackWorker[] = [];
    const gen = new ExportGenerator(() => {
      const w = new LoopbackWorker();
      workers.push(w);
      return w;
    });
    return { gen, workers };
  }

  it('sends the design once per opening and answers each format', async () => {
    const { gen, workers } = generator();
    gen.open(design, undefined);
    const [yaml, cdk] = await Promise.all([gen.generate('cloudformation-yaml', false), gen.generate('cdk', false)]);
    expect(yaml).toEqual({ ok: true, files: generateExport(design, 'cloudformation-yaml') });
    expect(cdk).toEqual({ ok: true, files: generateExport(design, 'cdk') });
    expect(workers).toHaveLength(1);
    expect(workers[0]!.received.map((m) => m.kind)).toEqual(['design', 'generate', 'generate']);
  });

  it('answers without a worker when no dialog is open, and drops the session when it closes', async () => {
    const { gen, workers } = generator();
    expect(await gen.generate('terraform', false)).toEqual({ ok: false, validation: false, message: 'no design to export (the dialog is closed)' });
    expect(workers).toHaveLength(0);
    gen.open(design, undefined);
    const late = gen.generate('terraform', false);
    gen.close();
    expect(workers[0]!.received.map((m) => m.kind)).toEqual(['design', 'generate', 'forget']);
    // The answer due when the dialog closed is dropped: the promise never settles.
    const settled = await Promise.race([late.then(() => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 20))]);
    expect(settled).toBe('pending');
  });

  it('says so when the design cannot be copied to the worker, and tries again at the next opening', async () => {
    const { gen, workers } = generator();
    // structuredClone (as postMessage) refuses a function anywhere in the message.
    const uncopyable = { ...design, settings: { ...design.settings, region: (() => 'eu-central-1') as unknown as string } };
    gen.open(uncopyable, undefined);
    expect(await gen.generate('terraform', false)).toEqual({ ok: false, validation: false, message: expect.stringMatching(/^the design could not be sent to the export worker: .*could not be cloned/) });
    expect(workers[0]!.received).toEqual([]);
    gen.open(design, undefined);
    expect((await gen.generate('terraform', false)).ok).toBe(true);
  });

  it('answers with the reason when no worker can be started, and tries again at the next request', async () => {
    let refuse = true;
    const gen = new ExportGenerator(() => {
      if (refuse) throw new Error('refused by the Content-Security-Policy');
      return new LoopbackWorker();
    });
    gen.warm();
    gen.open(design, undefined);
    expect(await gen.generate('cdk', false)).toEqual({ ok: false, validation: false, message: 'the export worker could not be started: refused by the Content-Security-Policy' });
    refuse = false;
    expect((await gen.generate('cdk', false)).ok).toBe(true);
  });

  it('answers the requests in flight when the worker fails, then starts a new one primed with the design', async () => {
    const { gen, workers } = generator();
    gen.open(design, []);
    const inFlight = gen.generate('terraform', false);
    workers[0]!.crash('out of memory');
    expect(await inFlight).toEqual({ ok: false, validation: false, message: 'the export worker failed: out of memory' });
    expect(workers[0]!.terminated).toBe(true);
    const again = await gen.generate('terraform', false);
    expect(again).toEqual({ ok: true, files: generateExport(design, 'terraform') });
    expect(workers).toHaveLength(2);
    expect(workers[1]!.received[0]).toMatchObject({ kind: 'design', findings: [] });
  });
});
