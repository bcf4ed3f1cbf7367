import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, createConfig, loadEnvironment } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const TOKEN = '123456789:AAHn5xExampleExampleExampleExample';
const USERS = '111:owner,222:approver';

function problemsOf(env: Record<string, string>): string[] {
  try {
    createConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('createConfig', () => {
  it('starts in local paper mode with no environment at all', () => {
    const config = createConfig({});
    expect(config.mode, 'no token means the terminal chat').toBe('local');
    expect(config.tradingMode, 'paper is the safe default').toBe('paper');
    expect(config.logLevel, 'the local chat keeps the log quiet').toBe('warn');
    expect(config.dataDir.endsWith('data'), 'data under ./data').toBe(true);
    expect(Object.isFrozen(config), 'config cannot be changed after start').toBe(true);
  });

  it('picks polling with a token and webhook with a URL', () => {
    expect(createConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ALLOWED_USERS: USERS }).mode).toBe('polling');
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_ALLOWED_USERS: USERS,
      WEBHOOK_URL: 'https://bot.example.com/tg/hook',
      WEBHOOK_SECRET: 's3cret_-X',
    });
    expect(config.mode).toBe('webhook');
    expect(config.webhook?.path, 'the server listens on the URL path').toBe('/tg/hook');
    expect(config.webhook?.port).toBe(8080);
    expect(config.secrets, 'both secrets are scrubbed from logs').toEqual([TOKEN, 's3cret_-X']);
    expect(config.telegram.users.get(222)).toBe('approver');
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: 'nope' }, 'TELEGRAM_BOT_TOKEN'],
    [{ TELEGRAM_ALLOWED_USERS: '111:boss' }, 'TELEGRAM_ALLOWED_USERS'],
    [{ TELEGRAM_ALLOWED_USERS: '111' }, 'TELEGRAM_ALLOWED_USERS'],
    [{ TELEGRAM_ALLOWED_USERS: '111:owner,111:viewer' }, 'TELEGRAM_ALLOWED_USERS'],
    [{ TELEGRAM_CHAT_ID: 'desk' }, 'TELEGRAM_CHAT_ID'],
    [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT'],
    [{ WEBHOOK_URL: 'http://bot.example.com/hook' }, 'WEBHOOK_URL'],
    [{ WEBHOOK_SECRET: 'has spaces' }, 'WEBHOOK_SECRET'],
    [{ WEBHOOK_SECRET: 'x'.repeat(257) }, 'WEBHOOK_SECRET'],
    [{ WEBHOOK_MAX_CONNECTIONS: '101' }, 'WEBHOOK_MAX_CONNECTIONS'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ALLOW_LIVE_TRADING: 'maybe' }, 'ALLOW_LIVE_TRADING'],
  ])('reports %o on one line naming %s with an example', (env, name) => {
    const problems = problemsOf(env);
    expect(problems, 'exactly one problem for one bad variable').toHaveLength(1);
    expect(problems[0], 'the line starts with the variable').toMatch(new RegExp(`^${name}: `));
    expect(problems[0], 'the line shows a good value').toContain(`for example ${name}=`);
  });

  it('treats an empty value as unset, as .env files write it', () => {
    const config = createConfig({ TELEGRAM_BOT_TOKEN: '', PORT: '', LOG_LEVEL: '', WEBHOOK_URL: '' });
    expect(config.mode).toBe('local');
    expect(config.logLevel).toBe('warn');
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', WEBHOOK_SECRET: '!' });
    expect(problems.map((p) => p.split(':')[0]).sort(), 'one line each').toEqual(['LOG_LEVEL', 'PORT', 'WEBHOOK_SECRET']);
  });

  it.each([
    [{ WEBHOOK_URL: 'https://a.example/h', WEBHOOK_SECRET: 'abc' }, 'WEBHOOK_URL'],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ALLOWED_USERS: USERS, WEBHOOK_URL: 'https://a.example/h' }, 'WEBHOOK_SECRET'],
    [{ TELEGRAM_BOT_TOKEN: TOKEN }, 'TELEGRAM_ALLOWED_USERS'],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ALLOWED_USERS: '5:viewer' }, 'TELEGRAM_ALLOWED_USERS'],
    [{ ACCOUNTS: '[{"id":"real","venue":"alpaca","live":true}]', ACCOUNT_REAL_KEY: 'k', ACCOUNT_REAL_SECRET: 's' }, 'ALLOW_LIVE_TRADING'],
    [{ ACCOUNTS: '[{"id":"steady","venue":"alpaca"}]' }, 'ACCOUNT_STEADY_KEY'],
    [{ ACCOUNTS: 'not json' }, 'ACCOUNTS'],
    [{ ACCOUNTS: '[{"id":"Bad Id","venue":"paper"}]' }, 'ACCOUNTS'],
    [{ ACCOUNTS: '[{"id":"x","venue":"nyse"}]' }, 'ACCOUNTS'],
    [{ ACCOUNTS: '[{"id":"x","venue":"paper","maxPositionPct":120}]' }, 'ACCOUNTS'],
    [{ ACCOUNTS: '[{"id":"x","venue":"paper"},{"id":"x","venue":"paper"}]' }, 'ACCOUNTS'],
    [{ ACCOUNTS: '[{"id":"x","venue":"paper","live":true}]', ALLOW_LIVE_TRADING: 'yes' }, 'ACCOUNTS'],
  ])('refuses the combination %o, naming %s', (env, name) => {
    const problems = problemsOf(env);
    expect(problems.some((p) => p.startsWith(`${name}: `)), problems.join('\n')).toBe(true);
  });

  it('reads two accounts side by side, each with its own limits and keys', () => {
    const config = createConfig({
      ACCOUNTS: '[{"id":"steady","venue":"alpaca","minConfidence":0.8,"maxPositionPct":5},{"id":"spicy","venue":"ccxt:binance","maxPositionPct":20,"live":true}]',
      ACCOUNT_STEADY_KEY: 'PKSTEADY',
      ACCOUNT_STEADY_SECRET: 'steady-secret',
      ACCOUNT_SPICY_KEY: 'binance-key',
      ACCOUNT_SPICY_SECRET: 'binance-secret',
      ALLOW_LIVE_TRADING: 'yes',
    });
    const [steady, spicy] = config.accounts;
    expect(steady?.profile).toMatchObject({ id: 'steady', venue: 'alpaca', live: false, minConfidence: 0.8, maxPositionPct: 5, maxOpenPositions: 5 });
    expect(spicy?.profile).toMatchObject({ id: 'spicy', venue: 'ccxt:binance', live: true, maxPositionPct: 20, minConfidence: 0.6 });
    expect(config.tradingMode, 'one live account makes the badge LIVE').toBe('live');
    expect(config.secrets, 'account keys are scrubbed from logs').toEqual(expect.arrayContaining(['PKSTEADY', 'steady-secret', 'binance-key', 'binance-secret']));
  });

  it('defaults to one paper account', () => {
    const config = createConfig({});
    expect(config.accounts.map((a) => a.profile.id)).toEqual(['paper']);
    expect(config.accounts[0]?.profile.paper.startingCash).toBe(100_000);
  });

  it('parses .env.example, which documents every variable', () => {
    const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const example = parseEnv(text) as Record<string, string>;
    expect(Object.keys(example).sort(), 'every variable is documented, none invented').toEqual([...CONFIG_VARIABLES].sort());
    expect(createConfig(example).mode, 'the example is a working local setup').toBe('local');
  });
});

describe('loadEnvironment', () => {
  it('reads .env and lets the real environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=9000\nHOST=127.0.0.1\n');
    const env = loadEnvironment({ PORT: '9100' }, file);
    expect(env.PORT, 'the environment overrides the file').toBe('9100');
    expect(env.HOST, 'the file fills what the environment lacks').toBe('127.0.0.1');
    expect(loadEnvironment({ A: '1' }, join(dir, 'missing')).A, 'no file is fine').toBe('1');
  });
});
