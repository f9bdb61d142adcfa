#!/usr/bin/env node
/**
 * Runs @doyensec/electronegativity over the main-process sources (main/: window, preload, IPC, protocol, menu)
 * and, when built, over the renderer bundle (out/renderer: index.html with its CSP <meta>), and fails when a
 * finding at MEDIUM severity or above is not in the ACCEPTED table below. Every accepted finding has its written
 * justification in docs/security.md ("Electronegativity findings").
 *
 *   node scripts/electronegativity.mjs            # npx --yes @doyensec/electronegativity@1.10.3 (needs the npm registry)
 *   ELECTRONEGATIVITY_BIN=/path/to/electronegativity node scripts/electronegativity.mjs   # a local install
 *
 * Exit code: 0 no unjustified finding; 1 unjustified findings; 2 the tool could not run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOOL_VERSION = '1.10.3';
const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const THRESHOLD = SEVERITIES.indexOf('MEDIUM');

/**
 * Findings at MEDIUM or above that were reviewed and are justified (docs/security.md, section "Electronegativity
 * findings"). Matched by check id and file (relative to the scanned folder; `*` for global checks).
 */
const ACCEPTED = [
  { check: 'CSP_GLOBAL_CHECK', file: 'N/A', input: 'main', why: 'The CSP is defined in main/security/csp.ts, sent as a header by the app:// protocol and injected as <meta> at build time; the tool cannot see either in the sources.' },
  { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/index.ts', why: 'openExternal() checks isAllowedExternalUrl (https + docs.aws.amazon.com only) before shell.openExternal.' },
  { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'ipc/handlers.ts', why: 'app:open-external refuses (FORBIDDEN) URLs that fail isAllowedExternalUrl before calling deps.openExternal.' },
  { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'menu/template.ts', why: 'Help menu links are the constant HELP_LINKS (AWS documentation), and go through the same allow-listed openExternal.' },
  { check: 'CUSTOM_ARGUMENTS_JS_CHECK', file: 'electron/index.ts', why: 'The one switch appended is js-flags with the constant V8_FLAGS (main/runtime/v8Flags.ts: the young-generation size); no switch weakens a security feature.' },
  { check: 'PRELOAD_JS_CHECK', file: 'electron/window.ts', why: 'The preload is sandboxed, bundled, and exposes only the typed contract API through contextBridge (no ipcRenderer, no event objects).' },
];

function electronVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return String(pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '').replace(/^[~^]/, '');
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

function runTool(input, output, checks) {
  const args = ['-i', input, '-o', output, '-e', electronVersion(), '-r', '-v', 'false', ...(checks ? ['-l', checks] : [])];
  const bin = process.env.ELECTRONEGATIVITY_BIN;
  const result = bin
    ? spawnSync(bin, args, { cwd: ROOT, encoding: 'utf8' })
    : spawnSync('npx', ['--yes', `@doyensec/electronegativity@${TOOL_VERSION}`, ...args], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.error || result.status !== 0 || !fs.existsSync(output)) {
    console.error(`electronegativity could not run on ${input}: ${result.error?.message ?? `exit ${result.status}`}`);
    if (result.stderr) console.error(result.stderr.trim());
    process.exit(2);
  }
  const [header, ...rows] = parseCsv(fs.readFileSync(output, 'utf8'));
  const col = (name) => header.findIndex((h) => h.trim() === name);
  const [iIssue, iSeverity, iConfidence, iFile, iLocation, iSample] = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample'].map(col);
  return rows.map((r) => ({
    input,
    check: r[iIssue]?.trim() ?? '',
    severity: r[iSeverity]?.trim() ?? '',
    confidence: r[iConfidence]?.trim() ?? '',
    file: r[iFile]?.trim() ?? '',
    location: r[iLocation]?.trim() ?? '',
    sample: (r[iSample] ?? '').trim().slice(0, 100),
  }));
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
// main/ gets every check. The built renderer gets the page-level ones only: the global checks (navigation limits,
// permission handler…) look for main-process code, which is in main/, not in the page bundle.
const scans = [{ input: 'main' }];
if (fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) scans.push({ input: 'out/renderer', checks: 'CSPGlobalCheck,CSPHTMLCheck,CSPJSCheck' });
else console.log('(out/renderer not built: scanning main/ only; run `npx electron-vite build` to check the built CSP too)');

const findings = scans.flatMap((scan, i) => runTool(scan.input, path.join(tmp, `findings-${i}.csv`), scan.checks));
fs.rmSync(tmp, { recursive: true, force: true });

const relevant = findings.filter((f) => SEVERITIES.indexOf(f.severity) >= THRESHOLD);
const accepted = [];
const unjustified = [];
for (const finding of relevant) {
  const match = ACCEPTED.find((a) => a.check === finding.check && a.file === finding.file && (a.input === undefined || a.input === finding.input));
  (match ? accepted : unjustified).push({ ...finding, why: match?.why });
}

const where = (f) => `${f.input}/${f.file === 'N/A' ? '' : f.file}${f.location && f.location !== '0:0' ? `:${f.location}` : ''}`;
console.log(`electronegativity ${TOOL_VERSION} (Electron ${electronVersion()}): ${findings.length} findings, ${relevant.length} at MEDIUM or above`);
for (const f of findings.filter((x) => SEVERITIES.indexOf(x.severity) < THRESHOLD)) console.log(`  info     ${f.severity.padEnd(8)} ${f.check} ${where(f)}`);
for (const f of accepted) console.log(`  accepted ${f.severity.padEnd(8)} ${f.check} ${where(f)}\n           ${f.why}`);
for (const f of unjustified) console.log(`  FINDING  ${f.severity.padEnd(8)} ${f.check} ${where(f)} (${f.confidence}) ${f.sample}`);
if (unjustified.length > 0) {
  console.error(`\n${unjustified.length} finding(s) at MEDIUM or above without a justification: fix them, or justify them in docs/security.md and ACCEPTED in scripts/electronegativity.mjs.`);
  process.exit(1);
}
console.log('\nNo unjustified finding at MEDIUM or above.');
