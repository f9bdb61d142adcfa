import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS } from '../../main/security/csp';
import { readStaticFile } from '../../main/security/staticFiles';

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer (out/renderer) on 127.0.0.1 with the same file resolution (traversal refused) and the
 * same Content-Security-Policy header as the app:// protocol in Electron.
 */
export async function startStaticServer(root: string, port = 0): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    void (async () => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const file = await readStaticFile(root, url.pathname);
      response.writeHead(file.status, {
        'Content-Type': file.contentType,
        'Cache-Control': 'no-store',
        ...SECURITY_HEADERS,
      });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
