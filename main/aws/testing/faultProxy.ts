import http from 'node:http';

/**
 * A small HTTP proxy for tests, on 127.0.0.1 in front of a local emulator (moto): chosen API calls are answered
 * with throttling errors or 500s, or delayed, a given number of times; everything else is forwarded unchanged.
 * Calls are recognised by operation name: the X-Amz-Target header of JSON protocols (ECS, ECR, Logs) or the
 * Action parameter of query protocols (IAM, EC2, STS). Only a loopback upstream is accepted.
 */

export type Fault = 'throttle' | 'error500' | { readonly delayMs: number };

export interface FaultRule {
  /** Operation name, e.g. "UpdateService", "CreateRole". */
  readonly operation: string;
  /** Only requests whose body contains this text (e.g. '"service":"svc1"'). */
  readonly bodyIncludes?: string;
  readonly fault: Fault;
  /** How many matching calls get the fault; Infinity = every one. */
  readonly times: number;
}

export interface ProxyHit {
  readonly operation: string;
  /** The fault applied, or undefined when the call was forwarded untouched. */
  readonly fault?: 'throttle' | 'error500' | 'delay';
}

export interface FaultProxy {
  readonly endpoint: string;
  /** Every request seen, in order. */
  readonly hits: readonly ProxyHit[];
  stop(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;
const MAX_DELAY_MS = 30_000;

function operationOf(req: http.IncomingMessage, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const action = new URLSearchParams(body).get('Action');
  return action ?? 'Unknown';
}

function errorResponse(res: http.ServerResponse, json: boolean, status: number, code: string, message: string): void {
  if (json) {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fault-proxy' });
    res.end(JSON.stringify({ __type: code, message }));
  } else {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(`<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`);
  }
}

export async function startFaultProxy(upstream: string, rules: readonly FaultRule[]): Promise<FaultProxy> {
  const up = new URL(upstream);
  if (up.hostname !== '127.0.0.1' && up.hostname !== 'localhost') throw new Error(`fault proxy: upstream must be on 127.0.0.1, not ${up.hostname}`);
  for (const r of rules) {
    if (typeof r.fault === 'object' && (r.fault.delayMs < 0 || r.fault.delayMs > MAX_DELAY_MS)) throw new Error(`fault proxy: delay of ${r.fault.delayMs} ms is outside 0–${MAX_DELAY_MS}`);
    if (!(r.times >= 0)) throw new Error('fault proxy: times must be ≥ 0');
  }
  const remaining = rules.map((r) => r.times);
  const hits: ProxyHit[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      const operation = operationOf(req, body);
      const json = typeof req.headers['x-amz-target'] === 'string';
      const index = rules.findIndex((r, i) => remaining[i]! > 0 && r.operation === operation && (r.bodyIncludes === undefined || body.includes(r.bodyIncludes)));
      const rule = index >= 0 ? rules[index] : undefined;
      if (rule) remaining[index] = remaining[index]! - 1;
      const forward = () => {
        const proxied = http.request(
          { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers },
          (upRes) => {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res);
          },
        );
        proxied.on('error', (e) => errorResponse(res, json, 502, 'BadGateway', e.message));
        proxied.end(raw);
      };
      if (!rule) {
        hits.push({ operation });
        forward();
      } else if (rule.fault === 'throttle') {
        hits.push({ operation, fault: 'throttle' });
        errorResponse(res, json, 400, json ? 'ThrottlingException' : 'Throttling', 'Rate exceeded');
      } else if (rule.fault === 'error500') {
        hits.push({ operation, fault: 'error500' });
        errorResponse(res, json, 500, 'InternalFailure', 'The request processing has failed because of an unknown error');
      } else {
        hits.push({ operation, fault: 'delay' });
        const timer = setTimeout(forward, rule.fault.delayMs);
        res.on('close', () => clearTimeout(timer));
      }
    });
  });
  server.maxConnections = 64;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy: no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    hits,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
