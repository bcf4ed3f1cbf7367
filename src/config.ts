import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError } from './resilience/errors.js';
import { parseRoleList, type Role } from './bot/roles.js';
import type { LogLevel } from './logger.js';
import { DEFAULT_ACCOUNTS, parseAccounts, type ConfiguredAccount } from './accounts-config.js';

/** How the bot reaches its users: a terminal chat, Telegram long polling, or a webhook. */
export type BotMode = 'local' | 'polling' | 'webhook';
export type TradingMode = 'paper' | 'live';

export interface WebhookConfig {
  readonly url: string;
  /** Path part of `url`: the one route the server accepts updates on. */
  readonly path: string;
  readonly secret: string;
  readonly host: string;
  readonly port: number;
  readonly maxConnections: number;
}

export interface Config {
  readonly mode: BotMode;
  readonly tradingMode: TradingMode;
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  readonly telegram: {
    readonly token: string | undefined;
    readonly apiRoot: string;
    readonly users: ReadonlyMap<number, Role>;
    readonly chatId: number | undefined;
  };
  readonly webhook: WebhookConfig | undefined;
  /** Trading books, each with its venue, limits and keys; at least one. */
  readonly accounts: readonly ConfiguredAccount[];
  /** Every secret value: the logger scrubs each one from every line. */
  readonly secrets: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** One variable: its schema, an example of a good value, and its documented default. */
interface Variable<T> {
  schema: z.ZodType<T>;
  example: string;
}

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
const integer = (min: number, max: number) =>
  z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

const variables = {
  TELEGRAM_BOT_TOKEN: {
    schema: z.string().regex(/^\d{5,}:[A-Za-z0-9_-]{30,}$/, 'is not a bot token as BotFather issues it').optional(),
    example: '123456789:AAHn5xExampleExampleExampleExample',
  },
  TELEGRAM_API_ROOT: {
    schema: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).default('https://api.telegram.org'),
    example: 'http://localhost:8081',
  },
  TELEGRAM_ALLOWED_USERS: {
    schema: z
      .string()
      .default('')
      .transform((raw, ctx) => {
        const parsed = parseRoleList(raw);
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: parsed.error });
          return z.NEVER;
        }
        return parsed.users;
      }),
    example: '123456:owner,234567:approver,345678:viewer',
  },
  TELEGRAM_CHAT_ID: {
    schema: z.string().regex(/^-?\d+$/, 'must be a numeric chat id').optional().transform((v) => (v === undefined ? undefined : Number(v))),
    example: '-1001234567890',
  },
  WEBHOOK_URL: {
    schema: httpsUrl.optional(),
    example: 'https://bot.example.com/telegram/webhook',
  },
  WEBHOOK_SECRET: {
    schema: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -').optional(),
    example: 'k3Jd9_fQ-2mZr8Lw',
  },
  WEBHOOK_MAX_CONNECTIONS: { schema: integer(1, 100).default(40), example: '40' },
  PORT: { schema: integer(1, 65535).default(8080), example: '8080' },
  HOST: { schema: z.string().default('0.0.0.0'), example: '0.0.0.0' },
  DATA_DIR: { schema: z.string().default('./data'), example: './data' },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).optional(),
    example: 'info',
  },
  ACCOUNTS: { schema: z.string().default(DEFAULT_ACCOUNTS), example: DEFAULT_ACCOUNTS },
  ALLOW_LIVE_TRADING: {
    schema: z.enum(['yes', 'no'], { error: 'must be yes or no' }).default('no'),
    example: 'no',
  },
} satisfies Record<string, Variable<unknown>>;

type Parsed = { [K in keyof typeof variables]: z.output<(typeof variables)[K]['schema']> };

/** The variables this build understands, for `.env.example` checks and the README. */
export const CONFIG_VARIABLES = Object.keys(variables) as readonly (keyof typeof variables)[];

/**
 * Parses the environment into a frozen Config. Every problem is collected, so a person
 * fixing `.env` sees all of them at once; throws ConfigError with one line per problem.
 */
export function createConfig(env: Env): Config {
  const problems: string[] = [];
  const parsed: Partial<Record<string, unknown>> = {};
  for (const [name, variable] of Object.entries(variables) as [string, Variable<unknown>][]) {
    // `NAME=` in a .env file means "not set", as in .env.example.
    const raw = env[name] === '' ? undefined : env[name];
    const result = variable.schema.safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else problems.push(`${name}: ${result.error.issues[0]?.message ?? 'is invalid'} (for example ${name}=${variable.example})`);
  }
  const accounts = parseAccounts((parsed.ACCOUNTS as string | undefined) ?? DEFAULT_ACCOUNTS, env);
  if (!accounts.ok) problems.push(...accounts.problems);
  if (problems.length > 0 || !accounts.ok) throw new ConfigError(problems);
  return buildConfig(parsed as Parsed, accounts.accounts);
}

function buildConfig(v: Parsed, accounts: readonly ConfiguredAccount[]): Config {
  const problems = checkCombinations(v, accounts);
  if (problems.length > 0) throw new ConfigError(problems);

  const mode: BotMode = v.TELEGRAM_BOT_TOKEN === undefined ? 'local' : v.WEBHOOK_URL === undefined ? 'polling' : 'webhook';
  const webhook: WebhookConfig | undefined =
    mode === 'webhook' && v.WEBHOOK_URL !== undefined && v.WEBHOOK_SECRET !== undefined
      ? Object.freeze({
          url: v.WEBHOOK_URL,
          path: new URL(v.WEBHOOK_URL).pathname,
          secret: v.WEBHOOK_SECRET,
          host: v.HOST,
          port: v.PORT,
          maxConnections: v.WEBHOOK_MAX_CONNECTIONS,
        })
      : undefined;

  return Object.freeze({
    mode,
    tradingMode: accounts.some((a) => a.profile.live) ? 'live' : 'paper',
    dataDir: resolve(v.DATA_DIR),
    // The local chat shares the terminal with the log: keep it to what needs attention.
    logLevel: v.LOG_LEVEL ?? (mode === 'local' ? 'warn' : 'info'),
    telegram: Object.freeze({
      token: v.TELEGRAM_BOT_TOKEN,
      apiRoot: v.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      users: v.TELEGRAM_ALLOWED_USERS,
      chatId: v.TELEGRAM_CHAT_ID,
    }),
    webhook,
    accounts: Object.freeze(accounts),
    secrets: Object.freeze(
      [v.TELEGRAM_BOT_TOKEN, v.WEBHOOK_SECRET, ...accounts.flatMap((a) => [a.credentials?.key, a.credentials?.secret, a.credentials?.password])].filter(
        (s): s is string => s !== undefined && s.length > 0,
      ),
    ),
  });
}

/** Rules that span variables; each line names the variable to change. */
function checkCombinations(v: Parsed, accounts: readonly ConfiguredAccount[]): string[] {
  const problems: string[] = [];
  const token = v.TELEGRAM_BOT_TOKEN;
  if (v.WEBHOOK_URL !== undefined && token === undefined) {
    problems.push('WEBHOOK_URL: needs TELEGRAM_BOT_TOKEN as well; unset WEBHOOK_URL for local mode (for example TELEGRAM_BOT_TOKEN=123456789:AAHn5x...)');
  }
  if (v.WEBHOOK_URL !== undefined && v.WEBHOOK_SECRET === undefined) {
    problems.push(`WEBHOOK_SECRET: is required with WEBHOOK_URL so forged updates are refused (for example WEBHOOK_SECRET=${variables.WEBHOOK_SECRET.example})`);
  }
  if (token !== undefined && v.TELEGRAM_ALLOWED_USERS.size === 0) {
    problems.push(`TELEGRAM_ALLOWED_USERS: is required with TELEGRAM_BOT_TOKEN; nobody could use the bot (for example TELEGRAM_ALLOWED_USERS=${variables.TELEGRAM_ALLOWED_USERS.example})`);
  }
  const roles = [...v.TELEGRAM_ALLOWED_USERS.values()];
  if (roles.length > 0 && !roles.includes('owner')) {
    problems.push('TELEGRAM_ALLOWED_USERS: needs at least one owner, who alone can change settings (for example TELEGRAM_ALLOWED_USERS=123456:owner)');
  }
  const live = accounts.filter((a) => a.profile.live).map((a) => a.profile.id);
  if (live.length > 0 && v.ALLOW_LIVE_TRADING !== 'yes') {
    // Real money needs two deliberate settings: the account's "live": true, and this.
    problems.push(`ALLOW_LIVE_TRADING: accounts ${live.join(', ')} are live (real money); set ALLOW_LIVE_TRADING=yes to confirm, or remove "live": true`);
  }
  return problems;
}

/**
 * The process environment over the `.env` file (if present): a variable set in the
 * environment wins, so a deployment can override the file without editing it.
 */
export function loadEnvironment(env: Env, envFile = resolve('.env')): Env {
  if (!existsSync(envFile)) return { ...env };
  const fromFile = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
  return { ...fromFile, ...env };
}
