import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPathGrants } from '../ipc/pathGrants';
import { createOpenRequests, designPathsFromArgv } from './openRequests';

describe('open requests', () => {
  it('grants the path at once, queues until the renderer is ready, then sends each file once', () => {
    const grants = createPathGrants('linux');
    const sent: unknown[] = [];
    const requests = createOpenRequests({ grants, send: (e) => sent.push(e) });
    requests.open('/designs/a.ecsd.json');
    requests.open('/designs/a.ecsd.json');
    requests.open('/designs/../designs/b.ecsd.json');
    expect(grants.has('/designs/a.ecsd.json')).toBe(true);
    expect(grants.has('/designs/b.ecsd.json')).toBe(true);
    expect(sent).toEqual([]);
    requests.rendererReady();
    expect(sent).toEqual([{ path: '/designs/a.ecsd.json' }, { path: '/designs/b.ecsd.json' }]);
    requests.open('/designs/c.ecsd.json');
    expect(sent).toHaveLength(3);
    requests.rendererReset();
    requests.open('/designs/d.ecsd.json');
    expect(sent).toHaveLength(3);
    expect(requests.pending()).toEqual(['/designs/d.ecsd.json']);
    requests.rendererReady();
    expect(sent[3]).toEqual({ path: '/designs/d.ecsd.json' });
  });
});

describe('designPathsFromArgv', () => {
  it('takes .json arguments, skipping the executable, the app folder in development and switches', () => {
    const cwd = '/home/u/work';
    expect(designPathsFromArgv(['/opt/ECS Designer/ecs-designer', 'a.ecsd.json', '--no-sandbox', '-psn_0_123', '/abs/B.JSON', 'notes.txt'], cwd, { isPackaged: true })).toEqual([
      path.resolve(cwd, 'a.ecsd.json'),
      '/abs/B.JSON',
    ]);
    expect(designPathsFromArgv(['/usr/bin/electron', '.', 'x.ecsd.json'], cwd, { isPackaged: false })).toEqual([path.resolve(cwd, 'x.ecsd.json')]);
    expect(designPathsFromArgv(['/usr/bin/electron', '/repo/package.json'], cwd, { isPackaged: false })).toEqual([]);
    expect(designPathsFromArgv(['app', '--', '--odd-name.json', 'a.json', 'a.json'], cwd, { isPackaged: true })).toEqual([
      path.resolve(cwd, '--odd-name.json'),
      path.resolve(cwd, 'a.json'),
    ]);
    expect(designPathsFromArgv(['app'], cwd, { isPackaged: true })).toEqual([]);
    // Linux desktop entries (Exec=… %U) pass file:// URLs; other URLs are not files.
    expect(designPathsFromArgv(['app', 'file:///home/u/My%20Designs/a.ecsd.json', 'https://x.example/a.json', 'file://remote-host/a.json'], cwd, { isPackaged: true })).toEqual([
      '/home/u/My Designs/a.ecsd.json',
    ]);
  });
});
