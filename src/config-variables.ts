import * as z from 'zod';
import { DEFAULT_ACCOUNTS } from './accounts-config.js';
import { isTimeframe, type Timeframe } from './engine/market/bars.js';
import { parseRoleList } from './roles.js';
import { JOB_NAMES } from './jobs/job-names.js';
import { isTimeZone, JOB_OVERRIDES_EXAMPLE, parseJobOverrides } from './jobs/parse-job-overrides.js';
import { researchVariables } from './config-research.js';

/**
 * Every environment variable Countersign reads: its zod schema (with the default) and an
 * example of a good value for the error message.
 */
/** One variable: its schema, an example of a good value, and its documented default. */
export interface Variable<T> {
  schema: z.ZodType<T>;
  example: string;
}

const timeframeList = z
  .string()
  .transform((raw) => raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
  .refine((list) => list.length > 0 && list.every(isTimeframe), 'must list timeframes among 1m, 5m, 15m, 1h, 4h, 1d')
  .transform((list) => list as Timeframe[]);

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
const integer = (min: number, max: number) =>
  z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

export const variables = {
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
  TELEGRAM_MESSAGES_PER_SECOND: { schema: integer(1, 30).default(25), example: '25' },
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
  SCAN_TIMEFRAMES: { schema: timeframeList.default(['15m', '1h', '1d']), example: '15m,1h,1d' },
  STRATEGIES: {
    schema: z
      .string()
      .default('dca,swing,channel')
      .transform((raw) => raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
      .refine((names) => names.every((n) => ['dca', 'swing', 'channel'].includes(n)), 'must list strategies among dca, swing, channel'),
    example: 'dca,swing,channel',
  },
  SCAN_NOTIONAL: { schema: z.string().regex(/^\d+(\.\d+)?$/, 'must be an amount like 500').default('1000'), example: '1000' },
  ALPACA_DATA_FEED: { schema: z.enum(['iex', 'sip'], { error: 'must be iex or sip' }).default('iex'), example: 'iex' },
  BACKFILL_CONCURRENCY: { schema: integer(1, 32).default(4), example: '4' },
  JOB_SCHEDULES: {
    schema: z
      .string()
      .default('')
      .transform((raw, ctx) => {
        const parsed = parseJobOverrides(raw, JOB_NAMES);
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: parsed.problems.join('; ') });
          return z.NEVER;
        }
        return parsed.overrides;
      }),
    example: JOB_OVERRIDES_EXAMPLE,
  },
  DISPLAY_TIMEZONE: {
    schema: z.string().refine(isTimeZone, 'must be an IANA time zone such as UTC, America/New_York or Europe/Berlin').default('UTC'),
    example: 'Europe/Berlin',
  },
  HEARTBEAT_URL: { schema: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(), example: 'https://hc-ping.com/your-check-uuid' },
  HEARTBEAT_METHOD: { schema: z.enum(['GET', 'POST'], { error: 'must be GET or POST' }).default('GET'), example: 'GET' },
  ALLOW_LIVE_TRADING: {
    schema: z.enum(['yes', 'no'], { error: 'must be yes or no' }).default('no'),
    example: 'no',
  },
  // Signals in and out (config-signals.ts parses the JSON and each source's secret).
  SIGNAL_WEBHOOKS: { schema: z.string().optional(), example: '[{"id":"desk","url":"https://example.com/hooks/countersign","events":["proposal.created"]}]' },
  SIGNAL_WEBHOOK_MAX_DELAY_SECONDS: { schema: integer(1, 86_400).default(3_600), example: '3600' },
  SIGNAL_WEBHOOK_RETRY_HOURS: { schema: integer(1, 720).default(24), example: '24' },
  SIGNAL_WEBHOOK_PAUSE_AFTER: { schema: integer(1, 1_000).default(5), example: '5' },
  ALLOW_INSECURE_WEBHOOKS: { schema: z.enum(['yes', 'no'], { error: 'must be yes or no' }).default('no'), example: 'no' },
  INBOUND_SIGNALS: { schema: z.string().optional(), example: '[{"id":"tv","account":"paper","auth":"passphrase"}]' },
  HTTP_PORT: { schema: integer(1, 65535).optional(), example: '8090' },
  METRICS_TOKEN: {
    schema: z.string().regex(/^[A-Za-z0-9._~+/=-]{16,256}$/, 'must be 16-256 characters of A-Z a-z 0-9 . _ ~ + / = -').optional(),
    example: 'mK2v9Qx4Lr7Tz1Pw',
  },
  ...researchVariables,
} satisfies Record<string, Variable<unknown>>;

