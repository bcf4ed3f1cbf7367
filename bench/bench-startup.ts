import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { median, report } from './measure.js';
import { startFakeBotApi } from '../tests/helpers/fake-bot-api.js';
import { freePort } from '../tests/helpers/free-port.js';

const ROOT = new URL('../', import.meta.url).pathname;
const RUNS = 7;
const IDLE_MS = 3_000;
const READY_TIMEOUT_MS = 20_000;
const POLL_MS = 5;
const TOKEN = '123456789:AAHn5xBenchBenchBenchBenchBenchBen';

interface Started {
  readonly child: ChildProcess;
  readonly readyMs: number;
}

/**
 * Start to ready of the compiled bot in webhook mode against a bare grammY bot started the
 * same way (plain `node`, the same env, the same local stand-in for the Bot API, which
 * answers at once), from spawn to the first 200 of GET /healthz. Runs alternate, so load
 * on the shared machine hits both alike. Then the bot's resident memory once it has sat
 * idle a few seconds.
 */
export async function benchStartup(): Promise<void> {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const api = await startFakeBotApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-bench-start-'));
  const bot: number[] = [];
  const bare: number[] = [];
  const rss: number[] = [];
  try {
    // Run 0 warms the file cache and creates the store; it is not counted.
    for (let run = 0; run <= RUNS; run++) {
      const compiled = await start(['dist/src/main.js'], api.url, dataDir);
      await sleep(IDLE_MS);
      const idleRss = readRssMb(compiled.child.pid);
      await stop(compiled.child);
      const baseline = await start(['bench/bare-grammy-bot.js'], api.url, dataDir);
      await stop(baseline.child);
      if (run === 0) continue;
      bot.push(compiled.readyMs);
      bare.push(baseline.readyMs);
      rss.push(idleRss);
    }
    // Both registered their webhook on every run: neither was "ready" without it.
    const registered = api.calls.filter((c) => c.method === 'setWebhook').length;
    if (registered !== 2 * (RUNS + 1)) throw new Error(`start-up bench: ${registered} setWebhook calls for ${2 * (RUNS + 1)} starts`);
  } finally {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  report(`start to ready, compiled bot in webhook mode (median of ${RUNS})`, median(bot), 'ms', '≤ 2.5× the bare grammY bot', 0);
  report(`start to ready, bare grammY webhook bot (median of ${RUNS})`, median(bare), 'ms', 'baseline', 0);
  report('start to ready, compiled bot vs bare grammY bot', median(bot) / median(bare), '×', '≤ 2.5×');
  report(`idle resident memory, compiled bot ${IDLE_MS / 1000} s after ready (median)`, median(rss), 'MB', '< 100 MB', 0);
}

async function start(args: readonly string[], apiRoot: string, dataDir: string): Promise<Started> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_ALLOWED_USERS: '111:owner,222:approver',
    TELEGRAM_API_ROOT: apiRoot,
    WEBHOOK_URL: 'https://bot.example.com/tg/bench',
    WEBHOOK_SECRET: 'bench_secret',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
  };
  const begin = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code} before ready:\n${stderr}`))));
  await Promise.race([waitHealthy(port), exited]);
  return { child, readyMs: performance.now() - begin };
}

async function waitHealthy(port: number): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if ((await getStatus(port)) === 200) return;
    await sleep(POLL_MS);
  }
  throw new Error(`no 200 from /healthz within ${READY_TIMEOUT_MS} ms`);
}

function getStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function readRssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}
