import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToMiB, formatPortSpec, interpolate, parseBytes, parseCpus, parseDuration, parseEnvFile, parsePortSpec, shellSplit, type PortSpec } from './composeUnits';

describe('Go durations', () => {
  it.each([
    ['1m30s', 90_000],
    ['10s', 10_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['2m3s40ms', 123_040],
    ['90', 90_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toEqual({ ok: true, value: ms }));

  it.each(['', '10 seconds', 's', '1x', '-5s'])('rejects %j', (text) => expect(parseDuration(text).ok).toBe(false));

  it('property: h/m/s/ms components formatted as a Go duration parse back to the same total', () => {
    fc.assert(
      fc.property(fc.nat(48), fc.nat(59), fc.nat(59), fc.nat(999), fc.boolean(), (h, m, s, ms, unitsOnlyIfNonZero) => {
        const parts = [h && `${h}h`, m && `${m}m`, s && `${s}s`, ms && `${ms}ms`].filter(Boolean) as string[];
        const text = unitsOnlyIfNonZero && parts.length > 0 ? parts.join('') : `${h}h${m}m${s}s${ms}ms`;
        expect(parseDuration(text)).toEqual({ ok: true, value: ((h * 60 + m) * 60 + s) * 1000 + ms });
      }),
    );
  });
});

describe('byte sizes and CPUs', () => {
  it.each([
    ['512M', 512 * 2 ** 20],
    ['1g', 2 ** 30],
    ['1024kb', 2 ** 20],
    ['2GB', 2 * 2 ** 30],
    ['100b', 100],
    ['1048576', 2 ** 20],
  ])('%s → %d bytes', (text, bytes) => expect(parseBytes(text)).toEqual({ ok: true, value: bytes }));

  it.each(['12 parsecs', 'M', '1.2.3g', ''])('rejects %j', (text) => expect(parseBytes(text).ok).toBe(false));

  it('MiB are rounded up, so a limit is never lowered', () => {
    expect(bytesToMiB(2 ** 20)).toBe(1);
    expect(bytesToMiB(2 ** 20 + 1)).toBe(2);
  });

  it('property: n with any unit spelling parses to n × the binary multiplier', () => {
    const units: [string, number][] = [['', 1], ['b', 1], ['k', 1024], ['kb', 1024], ['KB', 1024], ['m', 2 ** 20], ['M', 2 ** 20], ['mb', 2 ** 20], ['g', 2 ** 30], ['G', 2 ** 30], ['gb', 2 ** 30]];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4096 }), fc.constantFrom(...units), (n, [unit, mult]) => {
        expect(parseBytes(`${n}${unit}`)).toEqual({ ok: true, value: n * mult });
        expect(bytesToMiB(n * mult)).toBe(Math.ceil((n * mult) / 2 ** 20));
      }),
    );
  });

  it('cpus → CPU units', () => {
    expect(parseCpus('0.5')).toEqual({ ok: true, value: 512 });
    expect(parseCpus(2)).toEqual({ ok: true, value: 2048 });
    expect(parseCpus('0.25')).toEqual({ ok: true, value: 256 });
    expect(parseCpus('half').ok).toBe(false);
  });
});

describe('port specs', () => {
  it.each<[string | number, PortSpec]>([
    ['80', { container: 80, protocol: 'tcp' }],
    [80, { container: 80, protocol: 'tcp' }],
    ['8080:80', { container: 80, host: 8080, protocol: 'tcp' }],
    ['127.0.0.1:8080:80/udp', { container: 80, host: 8080, hostIp: '127.0.0.1', protocol: 'udp' }],
    ['9090-9091:8080-8081', { container: 8080, containerEnd: 8081, host: 9090, hostEnd: 9091, protocol: 'tcp' }],
    ['127.0.0.1::5000', { container: 5000, hostIp: '127.0.0.1', protocol: 'tcp' }],
    ['[::1]:6001:6001', { container: 6001, host: 6001, hostIp: '::1', protocol: 'tcp' }],
    [':2283:2283', { container: 2283, host: 2283, protocol: 'tcp' }],
    ['3000-3005', { container: 3000, containerEnd: 3005, protocol: 'tcp' }],
  ])('%j', (text, spec) => expect(parsePortSpec(text)).toEqual({ ok: true, value: spec }));

  it.each(['http', '80:80:80:80', '70000', '80/sctp', '8081-8080'])('rejects %j', (text) => expect(parsePortSpec(text).ok).toBe(false));

  it('property: any spec formatted in the short syntax parses back to itself', () => {
    const port = fc.integer({ min: 1, max: 60000 });
    const spec = fc
      .record({
        container: port,
        span: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
        host: fc.option(port, { nil: undefined }),
        hostIp: fc.option(fc.constantFrom('127.0.0.1', '0.0.0.0', '10.1.2.3', '::1', 'fe80::1'), { nil: undefined }),
        protocol: fc.constantFrom('tcp' as const, 'udp' as const),
      })
      .map(({ container, span, host, hostIp, protocol }): PortSpec => {
        const s: PortSpec = { container, protocol };
        if (span !== undefined) s.containerEnd = container + span;
        if (host !== undefined) {
          s.host = host;
          if (span !== undefined) s.hostEnd = host + span;
        }
        if (hostIp !== undefined) s.hostIp = hostIp;
        return s;
      });
    fc.assert(
      fc.property(spec, (s) => {
        expect(parsePortSpec(formatPortSpec(s))).toEqual({ ok: true, value: s });
      }),
    );
  });
});

describe('shell words, interpolation, env files', () => {
  it('splits like a POSIX shell without expanding', () => {
    expect(shellSplit(`nodemon --inspect=0.0.0.0 server.js`)).toEqual({ ok: true, value: ['nodemon', '--inspect=0.0.0.0', 'server.js'] });
    expect(shellSplit(`sh -c 'echo "$HOME" && sleep 1' a\\ b ""`)).toEqual({ ok: true, value: ['sh', '-c', 'echo "$HOME" && sleep 1', 'a b', ''] });
    expect(shellSplit(`echo "unterminated`).ok).toBe(false);
  });

  it('interpolates ${VAR:-default} and friends, listing unset variables', () => {
    const env = { SET: 'x', EMPTY: '' };
    expect(interpolate('${SET:-d} ${UNSET:-d} ${EMPTY:-d} ${EMPTY-d} ${UNSET-d}', env)).toEqual({ value: 'x d d  d', missing: [], errors: [] });
    expect(interpolate('${SET:+alt}|${UNSET:+alt}|$$SET|$SET', env)).toEqual({ value: 'alt||$SET|x', missing: [], errors: [] });
    expect(interpolate('${A:-${SET}}/${NOPE}', env)).toEqual({ value: 'x/', missing: ['NOPE'], errors: [] });
    expect(interpolate('${UNSET:?must be set}', env).errors).toEqual(['variable UNSET is required: must be set']);
  });

  it('reads env files', () => {
    expect(parseEnvFile('# c\nA=1\nexport B="two words"\nC=3 # note\n\nbad line\nD=\'q\'')).toEqual({ A: '1', B: 'two words', C: '3', D: 'q' });
  });
});
