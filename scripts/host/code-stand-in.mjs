#!/usr/bin/env node
// Stand-in for the VS Code executable, started by @vscode/test-electron's
// runTests({ vscodeExecutablePath }). It runs the tests in code-server (which
// is VS Code 1.139.1: real Node extension host, web workbench) driven by
// headless Chromium through playwright-core. Install the host first with
// scripts/host/setup.sh. See ../shared/vscode-host.md for the measured route.
//
// Arguments understood (everything else runTests passes is ignored):
//   --extensionDevelopmentPath=<dir>   (repeatable)
//   --extensionTestsPath=<file>        (compiled suite index, CommonJS)
//   <folder>                           (workspace folder to open, optional)
//   --disable-extensions               (only the extension under development)
//
// Environment:
//   RFA_HOST_DIR        where setup.sh installed the host (default <repo>/.vscode-host)
//   RFA_HOST_TIMEOUT    overall timeout in seconds (default 600)
//   RFA_HOST_VERBOSE=1  also print code-server and browser console output
//   RFA_SCREENSHOT      screenshots on request. When a test logs a line
//                       `[[screenshot <path>]]`, the page is saved as PNG:
//                         unset / "0"  -> requests are ignored (acknowledged at once)
//                         "1"          -> saved at <path> (relative to the repo root)
//                         other value  -> saved at that path (relative to the cwd)
//                       Each request is acknowledged by appending the saved
//                       path (or "skipped") to the file named in the
//                       extension host's env RFA_SCREENSHOT_ACK, so a test can
//                       wait until the picture is taken before it moves on.
//   RFA_VIEWPORT        browser viewport, WIDTHxHEIGHT (default 1440x900)

import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOST_DIR = process.env.RFA_HOST_DIR ? resolve(process.env.RFA_HOST_DIR) : join(ROOT, '.vscode-host');
const NODE24 = join(HOST_DIR, 'node24', 'bin', 'node');
const CODE_SERVER = join(HOST_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.RFA_CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_S = Number(process.env.RFA_HOST_TIMEOUT ?? 600);
const VERBOSE = process.env.RFA_HOST_VERBOSE === '1';
const SHOT = process.env.RFA_SCREENSHOT ?? '';
const [VW, VH] = (process.env.RFA_VIEWPORT ?? '1440x900').split('x').map(Number);

const require = createRequire(join(ROOT, 'package.json'));

// ---------------------------------------------------------------- output ---
// The host tries the network (marketplace, GitHub) and logs ENOTFOUND: noise.
// The workbench's own log lines reach codeAutomationLog as well, mixed with the
// extension host's console; the known chatter is dropped (RFA_HOST_VERBOSE=1
// shows everything).
const NOISE = [/ENOTFOUND/, /getaddrinfo/, /EAI_AGAIN/];
const CHATTER = [
  /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\]/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /Timed out waiting for authentication provider/,
];
const isNoise = (line) => NOISE.some((re) => re.test(line));
const isChatter = (msg) => isNoise(msg) || CHATTER.some((re) => re.test(msg));
const info = (msg) => process.stderr.write(`[host] ${msg}\n`);

// ------------------------------------------------------------- arguments ---
const devPaths = [];
let testsPath;
let folder;
let disableExtensions = false;
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('--extensionDevelopmentPath=')) devPaths.push(resolve(arg.slice(27)));
  else if (arg.startsWith('--extensionTestsPath=')) testsPath = resolve(arg.slice(21));
  else if (arg === '--disable-extensions') disableExtensions = true;
  else if (!arg.startsWith('-')) folder = resolve(arg);
}
if (!testsPath || devPaths.length === 0) {
  info('usage: code-stand-in --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [folder]');
  process.exit(2);
}
for (const [what, p] of [['node24', NODE24], ['code-server', CODE_SERVER], ['chromium', CHROMIUM]]) {
  if (!existsSync(p)) {
    info(`${what} not found at ${p}: run scripts/host/setup.sh first`);
    process.exit(2);
  }
}

// ------------------------------------------------------------- state ---
const tmp = mkdtempSync(join(tmpdir(), 'rfa-host-'));
const dirs = Object.fromEntries(
  ['user-data', 'extensions', 'xdg-config', 'xdg-data', 'chromium', 'tmp'].map((d) => {
    const p = join(tmp, d);
    mkdirSync(p);
    return [d, p];
  }),
);
// User settings of the throwaway profile: a quiet, plain workbench.
mkdirSync(join(dirs['user-data'], 'User'));
writeFileSync(join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify({
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  // Saving is part of what the suites test (run: onSave): never save behind their back.
  'files.autoSave': 'off',
}, null, 2));
const ackFile = join(tmp, 'screenshot-ack');
writeFileSync(ackFile, '');

let server; // code-server child (leader of its own process group)
let context; // playwright browser context
let launching; // promise of the context while Chromium starts
let finishing = false;
const serverLog = []; // last lines of code-server output, shown on failure

async function finish(code, reason, quiet = false) {
  if (finishing) return;
  finishing = true;
  clearTimeout(timer);
  if (reason) info(reason);
  if (code !== 0 && !quiet && !VERBOSE && serverLog.length) {
    info('last code-server output:');
    for (const l of serverLog) process.stderr.write(`  ${l}\n`);
  }
  const closeBrowser = async () => {
    const ctx = context ?? (await Promise.race([launching?.catch(() => undefined), sleep(15_000)]));
    await Promise.race([ctx?.close(), sleep(5000)]);
  };
  await Promise.all([closeBrowser().catch(() => { /* already gone */ }), killServer()]);
  try { rmSync(tmp, { recursive: true, force: true, maxRetries: 3 }); } catch { /* best effort */ }
  process.exit(code);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function killGroup(signal) {
  try { process.kill(-server.pid, signal); return true; } catch { return false; }
}

async function killServer() {
  if (!server?.pid) return;
  if (!killGroup('SIGTERM')) return;
  for (let i = 0; i < 30; i++) {
    await sleep(100);
    if (!killGroup(0)) return; // group is gone
  }
  killGroup('SIGKILL');
}

const timer = setTimeout(() => finish(1, `timed out after ${TIMEOUT_S} s`), TIMEOUT_S * 1000);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(130, `got ${sig}`, true));
process.on('uncaughtException', (e) => finish(1, `error: ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => finish(1, `error: ${e?.stack ?? e}`));

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function lines(stream, sink) {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) { sink(buf.slice(0, i)); buf = buf.slice(i + 1); }
  });
  stream.on('end', () => { if (buf) sink(buf); });
}

// ------------------------------------------------------ 1. code-server ---
const t0 = Date.now();
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const serverArgs = [
  CODE_SERVER,
  '--bind-addr', `127.0.0.1:${port}`,
  '--auth', 'none',
  '--user-data-dir', dirs['user-data'],
  '--extensions-dir', dirs.extensions,
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  '--disable-proxy',
  '--vscode-option', 'enable-smoke-test-driver',
];
server = spawn(NODE24, serverArgs, {
  detached: true, // own process group: killed as a whole at the end
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    PATH: `${dirname(NODE24)}:${process.env.PATH}`,
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    TMPDIR: dirs.tmp, // its IPC sockets go here, and are removed with the rest
    RFA_SCREENSHOT_ACK: ackFile,
    // settings of the machine's npm must not leak into code-server
    npm_config_nodedir: undefined,
  },
});
const onServerLine = (l) => {
  if (!l.trim() || isNoise(l)) return;
  serverLog.push(l);
  if (serverLog.length > 40) serverLog.shift();
  if (VERBOSE) process.stderr.write(`[code-server] ${l}\n`);
};
lines(server.stdout, onServerLine);
lines(server.stderr, onServerLine);
server.on('exit', (code, signal) => {
  if (!finishing) finish(1, `code-server exited early (${code ?? signal})`);
});

for (;;) {
  try {
    const r = await fetch(`${origin}/healthz`);
    if (r.ok) break;
  } catch { /* not up yet */ }
  if (Date.now() - t0 > 60_000) await finish(1, 'code-server did not answer /healthz within 60 s');
  await sleep(200);
}
info(`code-server up on ${origin} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------- 2. browser ---
const { chromium } = require('playwright-core');
launching = chromium.launchPersistentContext(dirs.chromium, {
  executablePath: CHROMIUM,
  headless: true,
  // signals are ours: finish() closes the browser and code-server, then exits
  handleSIGINT: false,
  handleSIGTERM: false,
  handleSIGHUP: false,
  viewport: { width: VW || 1440, height: VH || 900 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
context = await launching;
context.on('close', () => { if (!finishing) finish(1, 'browser closed unexpectedly'); });
const page = context.pages()[0] ?? (await context.newPage());
page.on('crash', () => finish(1, 'page crashed'));
if (VERBOSE) {
  page.on('console', (m) => process.stderr.write(`[page:${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => process.stderr.write(`[page:error] ${e.message}\n`));
}

// ------------------------------------------------- 3. page functions ---
let shots = Promise.resolve();
const SHOT_RE = /\[\[screenshot\b\s*(.*?)\s*\]\](?!\])/g;

// A request is `[[screenshot <path> <optional CSS selector to wait for>]]`.
function requestScreenshot(request) {
  const [, requested, selector] = /^(\S*)\s*(.*)$/.exec(request);
  shots = shots.then(async () => {
    let saved = 'skipped';
    if (SHOT && SHOT !== '0') {
      const target = SHOT === '1'
        ? resolve(ROOT, requested || 'docs/screenshot.png')
        : resolve(SHOT);
      try {
        if (selector) {
          await page.waitForSelector(selector, { state: 'visible', timeout: 10_000 })
            .catch(() => info(`screenshot: "${selector}" not visible after 10 s, taking it anyway`));
        }
        // let the workbench finish painting (hovers and menus fade in)
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        mkdirSync(dirname(target), { recursive: true });
        await page.screenshot({ path: target });
        saved = target;
        info(`screenshot saved: ${target}`);
      } catch (e) {
        info(`screenshot failed: ${e?.message ?? e}`);
      }
    }
    appendFileSync(ackFile, `${saved}\n`);
  });
}

await page.exposeFunction('codeAutomationLog', (type, args) => {
  // args are console arguments (mocha logs format strings such as '  %d passing (%s)').
  const text = format(...(Array.isArray(args) ? args : [args]));
  for (const m of text.matchAll(SHOT_RE)) requestScreenshot(m[1]?.trim() ?? '');
  if (VERBOSE) {
    process.stderr.write(`[log:${type}] ${text}\n`);
    return;
  }
  if (isChatter(text) || text.includes('[[screenshot')) return;
  if (type === 'error' || type === 'warn') process.stderr.write(text + '\n');
  else process.stdout.write(text + '\n');
});
await page.exposeFunction('codeAutomationExit', async (code) => {
  await shots;
  info(`tests finished with exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // Answer the page first, then tear down.
  setTimeout(() => finish(typeof code === 'number' ? code : 1, undefined, true), 0);
});

// ------------------------------------------------------------ 4. open ---
const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
const payload = [
  ...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
  ['extensionTestsPath', remote(testsPath)],
  // code-server has no --disable-extensions flag; the web workbench reads it here.
  ...(disableExtensions ? [['disableExtensions', 'true']] : []),
];
const params = new URLSearchParams();
if (folder) params.set('folder', folder);
params.set('payload', JSON.stringify(payload));
await page.goto(`${origin}/?${params}`, { waitUntil: 'domcontentloaded' });
info('workbench opened, waiting for the tests');
// 5. finish() runs on codeAutomationExit, on timeout, or on any failure.
