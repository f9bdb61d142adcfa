/**
 * The value syntaxes of the compose specification: Go durations, byte sizes, port specs, shell words,
 * `${VAR:-default}` interpolation and env files. Pure parsers: each returns the value or a message saying why not.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go duration ("1m30s", "10s", "500ms", "1.5h") → milliseconds. A bare number is read as seconds. */
export function parseDuration(input: string | number): Parsed<number> {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? { ok: true, value: input * 1000 } : { ok: false, message: `not a duration: ${input}` };
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return { ok: true, value: Number(text) * 1000 };
  if (text === '' || !/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return { ok: false, message: `not a duration: "${input}" (use e.g. 1m30s, 10s, 500ms)` };
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(m[1]) * (DURATION_UNITS[m[2]!] ?? 0);
  return { ok: true, value: ms };
}

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

/** Compose byte values ("512M", "1g", "1024kb", "2gb", 1048576) → bytes. Units are binary (1k = 1024), as Docker reads them. */
export function parseBytes(input: string | number): Parsed<number> {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? { ok: true, value: input } : { ok: false, message: `not a byte size: ${input}` };
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(input);
  const unit = BYTE_UNITS[(m?.[2] ?? 'x').toLowerCase()];
  if (!m || unit === undefined) return { ok: false, message: `not a byte size: "${input}" (use e.g. 512M, 1g, 1024kb)` };
  return { ok: true, value: Math.round(Number(m[1]) * unit) };
}

/** Bytes → MiB as ECS counts container memory (rounded up: a limit is never lowered). */
export function bytesToMiB(bytes: number): number {
  return Math.ceil(bytes / 1024 ** 2);
}

/** deploy.resources cpus ("0.5", 1.5) → ECS CPU units (1 vCPU = 1024). */
export function parseCpus(input: string | number): Parsed<number> {
  const n = typeof input === 'number' ? input : /^\s*\d+(\.\d+)?\s*$/.test(input) ? Number(input) : NaN;
  if (!Number.isFinite(n) || n < 0) return { ok: false, message: `not a number of CPUs: "${input}" (use e.g. 0.5)` };
  return { ok: true, value: Math.round(n * 1024) };
}

export type PortSpec = {
  /** Container port, or the first of a range. */
  container: number;
  /** Last container port of a range. */
  containerEnd?: number;
  host?: number;
  hostEnd?: number;
  hostIp?: string;
  protocol: 'tcp' | 'udp';
};

const PORT = '(\\d{1,5})(?:-(\\d{1,5}))?';
const SHORT_PORT = new RegExp(`^(?:(?:(\\[[0-9a-fA-F:.]+\\]|\\d{1,3}(?:\\.\\d{1,3}){3}|):)?(?:${PORT})?:)?${PORT}(?:/(tcp|udp|sctp))?$`);

function port(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return n >= 0 && n <= 65535 ? n : NaN;
}

/** Short port syntax: "80", "8080:80", "127.0.0.1:8080:80/udp", "9090-9091:8080-8081", "[::1]:80:80", "127.0.0.1::80". */
export function parsePortSpec(input: string | number): Parsed<PortSpec> {
  const text = String(input).trim();
  const m = SHORT_PORT.exec(text);
  if (!m) return { ok: false, message: `not a port specification: "${text}" (use e.g. 80, 8080:80, 127.0.0.1:8080:80/udp)` };
  const [, ip, hostStart, hostEnd, start, end, proto] = m;
  const spec: PortSpec = { container: port(start)!, protocol: proto === 'udp' ? 'udp' : 'tcp' };
  if (proto === 'sctp') return { ok: false, message: `"${text}": ECS port mappings support tcp and udp, not sctp` };
  const containerEnd = port(end);
  const host = port(hostStart);
  const hostEndN = port(hostEnd);
  if ([spec.container, containerEnd, host, hostEndN].some((n) => Number.isNaN(n))) return { ok: false, message: `"${text}": ports are 0–65535` };
  if (containerEnd !== undefined) spec.containerEnd = containerEnd;
  if (host !== undefined) spec.host = host;
  if (hostEndN !== undefined) spec.hostEnd = hostEndN;
  if (ip !== undefined && ip !== '') spec.hostIp = ip.replace(/^\[|\]$/g, '');
  if (spec.containerEnd !== undefined && spec.containerEnd < spec.container) return { ok: false, message: `"${text}": the range ends before it starts` };
  return { ok: true, value: spec };
}

/** The inverse of parsePortSpec (used by the property tests and in report messages). */
export function formatPortSpec(p: PortSpec): string {
  const range = (a: number, b?: number) => (b === undefined ? `${a}` : `${a}-${b}`);
  const ip = p.hostIp === undefined ? '' : p.hostIp.includes(':') ? `[${p.hostIp}]:` : `${p.hostIp}:`;
  const host = p.host === undefined ? (p.hostIp === undefined ? '' : `${ip}:`) : `${ip}${range(p.host, p.hostEnd)}:`;
  return `${host}${range(p.container, p.containerEnd)}${p.protocol === 'udp' ? '/udp' : ''}`;
}

/** POSIX-shell word splitting of a compose `command`/`entrypoint` string: quotes and backslashes, no expansion. */
export function shellSplit(input: string): Parsed<string[]> {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < input.length && '"\\$`'.includes(input[i + 1]!)) word += input[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < input.length) {
      word += input[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) return { ok: false, message: `unterminated ${quote} quote in "${input}"` };
  if (inWord) words.push(word);
  return { ok: true, value: words };
}

export type Interpolation = { value: string; missing: string[]; errors: string[] };

/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`; defaults may nest. A variable that is not
 * set and has no default becomes "" and is listed in `missing`; `?` forms that fail are listed in `errors`.
 */
export function interpolate(input: string, env: Readonly<Record<string, string>>): Interpolation {
  const missing: string[] = [];
  const errors: string[] = [];
  let i = 0;
  const read = (stopAtBrace: boolean): string => {
    let out = '';
    while (i < input.length) {
      const ch = input[i]!;
      if (stopAtBrace && ch === '}') return out;
      if (ch !== '$') {
        out += ch;
        i++;
        continue;
      }
      const next = input[i + 1];
      if (next === '$') {
        out += '$';
        i += 2;
      } else if (next === '{') {
        i += 2;
        const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i))?.[0] ?? '';
        i += name.length;
        const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(input.slice(i))?.[0];
        if (op !== undefined) i += op.length;
        const arg = op === undefined ? '' : read(true);
        if (input[i] !== '}' || name === '') {
          errors.push(`invalid interpolation "${input}"`);
          return out;
        }
        i++;
        const set = Object.prototype.hasOwnProperty.call(env, name);
        const val = set ? env[name]! : undefined;
        const empty = val === undefined || val === '';
        if (op === ':-') out += empty ? arg : val;
        else if (op === '-') out += set ? val : arg;
        else if (op === ':?' || op === '?') {
          if (op === ':?' ? empty : !set) errors.push(`variable ${name} is required: ${arg || 'not set'}`);
          out += val ?? '';
        } else if (op === ':+') out += empty ? '' : arg;
        else if (op === '+') out += set ? arg : '';
        else {
          if (!set) missing.push(name);
          out += val ?? '';
        }
      } else {
        const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i + 1))?.[0];
        if (name === undefined) {
          out += '$';
          i++;
          continue;
        }
        i += 1 + name.length;
        if (!Object.prototype.hasOwnProperty.call(env, name)) missing.push(name);
        out += env[name] ?? '';
      }
    }
    return out;
  };
  const value = read(false);
  return { value, missing, errors };
}

/** An env file (`KEY=value` lines, `#` comments, optional quotes, `export ` prefix) → variables. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) || eq < 0) continue;
    let value = line.slice(eq + 1).trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    vars[key] = value;
  }
  return vars;
}
