import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type * as z from 'zod';
import { ConfigError } from './errors.js';
import type { Role } from './roles.js';
import type { LogLevel } from './logger.js';
import type { Timeframe } from './engine/market/bars.js';
import type { JobOverrides } from './jobs/parse-job-overrides.js';
import { DEFAULT_ACCOUNTS, parseAccounts, type ConfiguredAccount } from './accounts-config.js';
import { variables, type Variable } from './config-variables.js';
import { parseSignalsConfig, type SignalsConfig } from './config-signals.js';
import { buildResearchConfig, type ResearchConfig } from './config-research.js';

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
    /** Messages the bot sends on its own across all chats in any one second. */
    readonly messagesPerSecond: number;
  };
  readonly webhook: WebhookConfig | undefined;
  /** Trading books, each with its venue, limits and keys; at least one. */
  readonly accounts: readonly ConfiguredAccount[];
  readonly market: {
    readonly scanTimeframes: readonly Timeframe[];
    readonly strategies: readonly string[];
    /** Quote currency spent per strategy buy signal, as a decimal string. */
    readonly scanNotional: string;
    readonly alpacaFeed: 'iex' | 'sip';
    readonly backfillConcurrency: number;
  };
  /** IANA zone times are shown in. */
  readonly displayTimezone: string;
  readonly jobs: { readonly overrides: JobOverrides };
  /** Dead-man's switch pinged while the self-check passes; the URL is a secret. */
  readonly heartbeat: { readonly url: string | undefined; readonly method: 'GET' | 'POST' };
  /** Signed outbound webhooks and inbound signal sources (SIGNAL_WEBHOOKS, INBOUND_SIGNALS). */
  readonly signals: SignalsConfig;
  /** HTTP_PORT (on HOST): in polling and local mode, a server for /signals, /metrics and /healthz. */
  readonly http: { readonly port: number | undefined; readonly host: string };
  /** METRICS_TOKEN: GET /metrics then wants `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  /** Research with Claude: on once ANTHROPIC_API_KEY is set. */
  readonly research: ResearchConfig;
  /** Every secret value: the logger scrubs each one from every line. */
  readonly secrets: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

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
  const signals = parseSignalsConfig(parsed as Parsed, env, accounts.accounts.map((a) => a.profile.id));
  if (signals.problems.length > 0) throw new ConfigError(signals.problems);
  return buildConfig(parsed as Parsed, accounts.accounts, signals.signals);
}

function buildConfig(v: Parsed, accounts: readonly ConfiguredAccount[], signals: SignalsConfig): Config {
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
      messagesPerSecond: v.TELEGRAM_MESSAGES_PER_SECOND,
    }),
    webhook,
    accounts: Object.freeze(accounts),
    displayTimezone: v.DISPLAY_TIMEZONE,
    jobs: Object.freeze({ overrides: v.JOB_SCHEDULES }),
    heartbeat: Object.freeze({ url: v.HEARTBEAT_URL, method: v.HEARTBEAT_METHOD }),
    research: buildResearchConfig(v),
    market: Object.freeze({
      scanTimeframes: v.SCAN_TIMEFRAMES,
      strategies: v.STRATEGIES,
      scanNotional: v.SCAN_NOTIONAL,
      alpacaFeed: v.ALPACA_DATA_FEED,
      backfillConcurrency: v.BACKFILL_CONCURRENCY,
    }),
    signals,
    http: Object.freeze({ port: v.HTTP_PORT, host: v.HOST }),
    metricsToken: v.METRICS_TOKEN,
    secrets: Object.freeze(
      [
        v.TELEGRAM_BOT_TOKEN,
        v.WEBHOOK_SECRET,
        v.HEARTBEAT_URL,
        v.METRICS_TOKEN,
        ...accounts.flatMap((a) => [a.credentials?.key, a.credentials?.secret, a.credentials?.password]),
        ...signals.endpoints.map((e) => e.secret),
        ...signals.sources.map((s) => s.secret),
        v.ANTHROPIC_API_KEY,
      ].filter(
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
