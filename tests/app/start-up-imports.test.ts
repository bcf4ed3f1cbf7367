import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBotApi } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/free-port.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { waitFor } from '../helpers/wait-for.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Packages a webhook bot with paper accounts must not load before it is ready (see README, Figures). */
const LOADED_ON_FIRST_USE = [
  '@napi-rs/canvas',
  'chart.js',
  'chartjs-chart-financial',
  '@alpacahq/alpaca-trade-api',
  'ccxt',
  'trading-signals',
  'pino-pretty',
  'cockatiel',
  'bottleneck',
  '@anthropic-ai/sdk',
  '@grammyjs/conversations',
];

// Records the package of every module the process loads: ESM through a resolve hook (it
// runs on the loader thread), CommonJS through Module._load (a require from CommonJS never
// reaches the ESM hooks on Node 20).
const HOOKS = `
import { appendFileSync } from 'node:fs';
let out;
export function initialize(data) { out = data.out; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const name = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url)?.[1];
  if (name !== undefined) appendFileSync(out, name + '\\n');
  return result;
}
`;
const PRELOAD = `
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
const out = process.env.PACKAGES_OUT;
register(new URL('./hooks.mjs', import.meta.url), { data: { out } });
const Module = createRequire(import.meta.url)('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  const name = /^(@[^/]+\\/[^/]+|[^./][^/:]*)/.exec(request)?.[1];
  if (name !== undefined) appendFileSync(out, name + '\\n');
  return load.call(this, request, ...rest);
};
`;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('start-up: heavy packages load on first use', () => {
  it('a webhook bot with a paper account is ready without the chart stack, venue SDKs, indicators, pino-pretty or the conversations plugin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-imports-'));
    writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
    writeFileSync(join(dir, 'preload.mjs'), PRELOAD);
    const out = join(dir, 'packages.txt');
    writeFileSync(out, '');
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      PACKAGES_OUT: out,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_ALLOWED_USERS: '111:owner',
      TELEGRAM_API_ROOT: api.url,
      WEBHOOK_URL: 'https://bot.example.com/tg/hook',
      WEBHOOK_SECRET: 'hook_secret',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: join(dir, 'data'),
    };
    const preload = pathToFileURL(join(dir, 'preload.mjs')).href;
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', preload, 'src/main.ts'], { cwd: ROOT, env, stdio: 'ignore' });
    cleanups.push(() => child.kill('SIGKILL'));

    let healthy = false;
    const probe = setInterval(() => {
      fetch(`http://127.0.0.1:${port}/healthz`).then((r) => (healthy ||= r.status === 200), () => undefined);
    }, 50);
    cleanups.push(() => clearInterval(probe));
    await waitFor(() => healthy, 'the bot to be ready', 15_000);

    const loaded = new Set(readFileSync(out, 'utf8').split('\n'));
    expect(loaded.has('grammy'), 'the recorder sees what the bot loads').toBe(true);
    expect(LOADED_ON_FIRST_USE.filter((name) => loaded.has(name)), 'none of these is needed to be ready').toEqual([]);
  });
});
