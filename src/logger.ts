import { createRequire } from 'node:module';
import { pino, type Logger, type DestinationStream } from 'pino';
import type PinoPretty from 'pino-pretty';

export type { Logger };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LoggerOptions {
  level: LogLevel;
  /** Human-readable lines (local mode) instead of JSON (servers). */
  pretty: boolean;
  /** Every secret value in the configuration: scrubbed from every line written. */
  secrets: readonly string[];
  /** Where lines go; defaults to stderr so stdout stays free for the local chat. */
  destination?: { write(line: string): unknown };
}

const REDACTED = '[REDACTED]';

/**
 * A bot token in a Bot API URL (`/bot123:ABC/sendMessage`). grammY puts that URL into
 * some error messages, and pino's `redact` never looks inside strings.
 */
const BOT_URL_TOKEN = /\/bot\d+:[A-Za-z0-9_-]+/g;

/** Replaces every secret (and any bot token inside a URL) in one serialized log line. */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let out = line.replace(BOT_URL_TOKEN, `/bot${REDACTED}`);
  for (const secret of secrets) {
    if (secret.length > 0 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * Wraps a destination so that no secret reaches it, whatever the path it took into the
 * line: a field, an error message, a stack trace or a URL.
 */
export function createScrubbingStream(
  secrets: readonly string[],
  destination: { write(line: string): unknown },
): DestinationStream {
  // Longest first, so a secret that contains another is removed whole.
  const sorted = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return { write: (line: string) => destination.write(scrubSecrets(line, sorted)) };
}

export function createLogger(options: LoggerOptions): Logger {
  const target = options.destination ?? process.stderr;
  const sink = options.pretty
    ? loadPinoPretty()({ colorize: process.stderr.isTTY === true, sync: true, destination: toDestination(target), ignore: 'pid,hostname' })
    : target;
  return pino(
    {
      level: options.level,
      base: undefined,
      // Structural redaction for fields that hold secrets; the stream scrubs the rest.
      redact: {
        paths: ['token', '*.token', 'secret', '*.secret', 'apiKey', '*.apiKey', 'headers["x-telegram-bot-api-secret-token"]'],
        censor: REDACTED,
      },
    },
    createScrubbingStream(options.secrets, sink),
  );
}

/**
 * pino-pretty and its thirty-odd modules are for local mode only, so a server never loads
 * them; it is CommonJS, so a plain require keeps createLogger synchronous.
 */
function loadPinoPretty(): typeof PinoPretty {
  return createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
}

function toDestination(target: { write(line: string): unknown }): NodeJS.WritableStream {
  // pino-pretty writes to a stream; adapt a plain `{ write }` object to one.
  if (target === process.stderr || target === process.stdout) return target as NodeJS.WritableStream;
  return { write: (chunk: string) => target.write(chunk) } as unknown as NodeJS.WritableStream;
}
