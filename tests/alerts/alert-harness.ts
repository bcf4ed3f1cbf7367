import { GrammyError, HttpError } from 'grammy';
import { pino } from 'pino';
import { vi } from 'vitest';
import type { AlertSend, AlertSendOptions } from '../../src/alerts/alert-transport.js';
import { createAlertDispatcher, type AlertDispatcherDeps } from '../../src/alerts/create-alert-dispatcher.js';
import type { AlertInput } from '../../src/engine/ports/alert-sink.js';
import { createAlertOutboxRepository, createAlertSettingsRepository } from '../../src/store/alert-outbox-repository.js';
import { createMemoryDocument } from '../helpers/test-engine.js';
import { SendFailedError } from '../../src/outbox/send-failure.js';
import { alertRenderer } from '../../src/bot/alerts/render-alert.js';
import { classifySendError } from '../../src/bot/alerts/classify-send-error.js';
import { createSendGate } from '../../src/outbox/send-gate.js';

export const CHAT = 111;
export const GROUP = -1001234;
export const START = Date.UTC(2026, 10, 20, 12, 0, 0);

export interface SentMessage {
  chatId: number;
  text: string;
  options: AlertSendOptions;
  /** Fake time of the accepted send, ms since START. */
  at: number;
}

export interface HarnessOptions {
  document?: ReturnType<typeof createMemoryDocument>;
  chats?: number[];
  /** Return an error to make this send fail (the call is not counted as sent). */
  failWith?: (call: { chatId: number; text: string; options: AlertSendOptions; attempt: number }) => unknown;
  deps?: Partial<AlertDispatcherDeps>;
}

/**
 * A dispatcher on a memory document with a fake `send` that records what Telegram
 * accepted. Time is vitest's fake clock (set with `useAlertClock`).
 */
export function createAlertHarness(options: HarnessOptions = {}) {
  const document = options.document ?? createMemoryDocument();
  const outbox = createAlertOutboxRepository({ document });
  const settings = createAlertSettingsRepository({ document });
  const sent: SentMessage[] = [];
  let attempt = 0;
  const send = vi.fn<AlertSend>(async (chatId, text, sendOptions) => {
    const error = options.failWith?.({ chatId, text, options: sendOptions, attempt: attempt++ });
    // What the bot-side send does with a grammY error: classify it for the outbox.
    if (error !== undefined) throw new SendFailedError(classifySendError(error), { cause: error });
    sent.push({ chatId, text, options: sendOptions, at: Date.now() - START });
    return { messageId: sent.length };
  });
  let nextId = 1;
  const dispatcher = createAlertDispatcher({
    outbox,
    send,
    render: alertRenderer,
    gate: createSendGate(),
    chats: () => options.chats ?? [CHAT],
    clock: () => new Date(),
    settings: (chatId) => settings.get(chatId),
    logger: pino({ level: 'silent' }),
    newId: () => `alert-${nextId++}`,
    ...options.deps,
  });
  return { document, outbox, settings, dispatcher, send, sent };
}

export function useAlertClock(now = START): void {
  vi.useFakeTimers({ now });
}

export const info = (title: string, extra: Partial<AlertInput> = {}): AlertInput => ({ severity: 'INFO', type: 'scan_note', title, ...extra });
export const warning = (title: string, extra: Partial<AlertInput> = {}): AlertInput => ({ severity: 'WARNING', type: 'job_stale', title, ...extra });
export const high = (title: string, extra: Partial<AlertInput> = {}): AlertInput => ({ severity: 'HIGH', type: 'order_unresolved', title, ...extra });
export const critical = (title: string, extra: Partial<AlertInput> = {}): AlertInput => ({ severity: 'CRITICAL', type: 'breaker_open', title, ...extra });

/** Telegram's errors as grammY throws them. */
export function tooManyRequests(retryAfter: number): GrammyError {
  return new GrammyError('Call to sendMessage failed', { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } }, 'sendMessage', {});
}

export function serverError(): GrammyError {
  return new GrammyError('Call to sendMessage failed', { ok: false, error_code: 502, description: 'Bad Gateway' }, 'sendMessage', {});
}

export function networkError(): HttpError {
  return new HttpError('Network request for sendMessage failed', new Error('ECONNRESET'));
}

export function cannotParseEntities(): GrammyError {
  return new GrammyError(
    'Call to sendMessage failed',
    { ok: false, error_code: 400, description: "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 3" },
    'sendMessage',
    {},
  );
}

/** The first line of each sent message: its tag and title. */
export const heads = (sent: readonly SentMessage[]) => sent.map((m) => m.text.split('\n')[0] ?? '');
