import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserFromGetMe } from 'grammy/types';
import { createBotMethods } from './bot-methods.js';
import { createCallDispatcher } from './create-call-dispatcher.js';
import { createCallbackQueries } from './create-callback-queries.js';
import { createChatStore } from './create-chat-store.js';
import { createFaultInjector } from './create-fault-injector.js';
import { createRequestHandler } from './create-request-handler.js';
import { createRateLimiter, type RateLimitOptions } from './create-rate-limiter.js';
import { createUpdateQueue } from './create-update-queue.js';
import { createWebhookDeliverer, type WebhookOptions } from './create-webhook-deliverer.js';
import { createStandInApi, type BotApiStandIn } from './create-stand-in-api.js';
import { handleControl } from './handle-control.js';
import type { Payload } from './read-payload.js';
import type { StandInContext } from './stand-in-context.js';

export interface BotApiStandInOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Only this bot token is accepted (others get 401 Unauthorized); by default any. */
  token?: string;
  /** Overrides of what getMe answers; the id defaults to the token's number. */
  botInfo?: Partial<UserFromGetMe>;
  /** The clock (ms) for message dates, rate windows, outage ends and the records. Default Date.now. */
  now?: () => number;
  /** Telegram's flood limits (on by default); `false` turns them all off. */
  rateLimits?: RateLimitOptions | false;
  /** How long a callback query can be answered after the press. Default 15 s. */
  callbackQueryTtlMs?: number;
  webhook?: WebhookOptions;
  /** Methods to answer 404, like emulators that lack them (e.g. setMyCommands). */
  missingMethods?: readonly string[];
  /** The first update id. Default 1. */
  firstUpdateId?: number;
}

/**
 * Starts a local Bot API server that a real bot can be pointed at (TELEGRAM_API_ROOT or
 * grammY's `client.apiRoot`): it keeps chats and messages, serves getUpdates and
 * webhooks, enforces Telegram's limits, and can fail on command. See README.md here.
 */
export async function startBotApiStandIn(options: BotApiStandInOptions = {}): Promise<BotApiStandIn> {
  const now = options.now ?? Date.now;
  const faults = createFaultInjector(now, options.missingMethods);
  const queue = createUpdateQueue(options.firstUpdateId);
  const chats = createChatStore();
  const ctx: StandInContext = {
    now,
    chats,
    queue,
    limiter: createRateLimiter(options.rateLimits ?? {}, now),
    callbackQueries: createCallbackQueries(now, options.callbackQueryTtlMs ?? 15_000),
    botInfo: (token) => botInfoFor(token, options.botInfo),
    commands: new Map(),
    webhook: createWebhookDeliverer(
      { queue, now, isDown: faults.isDown, onReply: (method, payload) => void dispatcher.dispatch(method, webhookToken(), payload, new AbortController().signal) },
      options.webhook,
    ),
  };
  const methods = createBotMethods(ctx);
  const dispatcher = createCallDispatcher({ methods, faults, now, token: options.token });
  // A webhook reply is a call by the bot that registered the webhook.
  const webhookToken = (): string => dispatcher.calls.findLast((c) => c.method === 'setWebhook')?.token ?? options.token ?? '';

  // Control commands reach the API object built once the port is known.
  const started: { api?: BotApiStandIn } = {};
  const control = (command: string, payload: Payload, res: ServerResponse) => handleControl(started.api as BotApiStandIn, command, payload, res);
  const server = createServer(createRequestHandler({ dispatch: dispatcher.dispatch, faults, control }));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port, address } = server.address() as AddressInfo;
  started.api = createStandInApi({ url: `http://${address}:${port}`, port, ctx, faults, dispatcher, methods, server });
  return started.api;
}

function botInfoFor(token: string, overrides: Partial<UserFromGetMe> = {}): UserFromGetMe {
  const id = Number(token.split(':')[0]);
  return {
    id: Number.isSafeInteger(id) && id > 0 ? id : 42,
    is_bot: true,
    first_name: 'Stand-in',
    username: 'stand_in_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    ...overrides,
  } as UserFromGetMe;
}
