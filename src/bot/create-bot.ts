import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, Composer, type BotConfig, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { createAuthMiddleware } from './auth.js';
import type { ButtonDefinition, CommandDefinition } from './command.js';
import { BotContext, type BotDeps } from './context.js';
import { contextSetup } from './context-setup.js';
import { BACKFILL_CONVERSATION, createBackfillConversation } from './conversations/backfill-conversation.js';
import { createHaltConversation, HALT_CONVERSATION } from './conversations/halt-conversation.js';
import { createProposeConversation, PROPOSE_CONVERSATION } from './conversations/propose-conversation.js';
import { handleBotError } from './error-boundary.js';
import { createRollbackConversation, ROLLBACK_CONVERSATION } from './conversations/rollback-conversation.js';
import { createThresholdConversation, THRESHOLD_CONVERSATION } from './conversations/threshold-conversation.js';
import { skipProcessedUpdates } from './inbound/skip-processed-updates.js';
import { registerCommands } from './register-commands.js';
import { unknownCommand } from './unknown-command.js';

export interface CreateBotOptions {
  token: string;
  apiRoot?: string;
  /** Known bot identity: skips getMe (local mode and tests). */
  botInfo?: UserFromGetMe;
  /** Injected fetch, e.g. `globalThis.fetch` so nock sees the calls in tests. */
  fetch?: NonNullable<BotConfig<BotContext>['client']>['fetch'];
}

/** What the bot understands: handlers/command-registry.ts, passed in by the composition root. */
export interface BotRegistry {
  readonly commands: readonly CommandDefinition[];
  readonly buttons: readonly ButtonDefinition[];
}

/**
 * The one bot, whatever the transport: Telegram polling, a webhook or the local chat
 * all drive this same middleware stack.
 */
export function createBot(deps: BotDeps, options: CreateBotOptions, registry: BotRegistry): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    ContextConstructor: BotContext,
    ...(options.botInfo === undefined ? {} : { botInfo: options.botInfo }),
    client: {
      ...(options.apiRoot === undefined ? {} : { apiRoot: options.apiRoot }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    },
  });
  bot.api.config.use(createRetry());
  bot.api.config.use(deps.messageIds.transformer);
  bot.api.config.use(deps.directSends);

  bot.use(contextSetup(deps, registry.commands));
  bot.use(deps.messageIds.middleware);
  // A boundary rather than only bot.catch: bot.catch serves long polling alone, while the
  // boundary also covers webhook and local-chat updates.
  const guarded = bot.errorBoundary(handleBotError);
  // Auth before conversations: a stranger's message never reaches a conversation step.
  guarded.use(createAuthMiddleware({ users: deps.users, chatId: deps.config.telegram.chatId, clock: deps.clock }));
  // Before conversations and handlers: a redelivered update that already acted goes no further.
  guarded.use(skipProcessedUpdates);
  // The conversations plugin and the conversations, loaded once, by the first update.
  let conversationStack: Promise<Composer<BotContext>> | undefined;
  guarded.lazy(() => (conversationStack ??= loadConversations(deps)));
  guarded.use(registerCommands(registry.commands, registry.buttons));
  guarded.use(unknownCommand);
  bot.catch(handleBotError);
  return bot;
}

/**
 * The conversations plugin and the bot's conversations. The plugin is imported on first
 * use rather than at start: loading its CommonJS modules takes some 15 ms, which the bot
 * need not spend before it is ready.
 */
async function loadConversations(deps: BotDeps): Promise<Composer<BotContext>> {
  const { conversations, createConversation } = await import('@grammyjs/conversations');
  const stack = new Composer<BotContext>();
  // The conversations plugin builds its own Api objects from the client options (so a
  // custom fetch reaches them) but not the bot's transformers: retry is added again.
  stack.use(
    conversations({
      plugins: [
        (ctx, next) => {
          ctx.api.config.use(createRetry());
          ctx.api.config.use(deps.messageIds.transformer);
          ctx.api.config.use(deps.directSends);
          return next();
        },
      ],
    }),
  );
  stack.use(createConversation(createProposeConversation(deps), PROPOSE_CONVERSATION));
  stack.use(createConversation(createHaltConversation(deps), HALT_CONVERSATION));
  stack.use(createConversation(createBackfillConversation(deps), BACKFILL_CONVERSATION));
  stack.use(createConversation(createThresholdConversation(deps), THRESHOLD_CONVERSATION));
  stack.use(createConversation(createRollbackConversation(deps), ROLLBACK_CONVERSATION));
  return stack;
}

/**
 * Bounded: a 429 is retried a few times, never with a wait that would outlast a webhook
 * request. A reply (a message sent, edited or deleted in a handler) is not retried after a
 * 5xx or a lost connection: auto-retry would back off from 3 s, without end for a lost
 * connection, holding the update and every update behind it while Telegram is down. The
 * person sees no reply then; what the bot must say durably goes through the outbox.
 * The answer to a button is not retried at all: Telegram shows it only within seconds of
 * the tap.
 */
function createRetry(): Transformer {
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5 });
  const replyRetry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5, rethrowInternalServerErrors: true, rethrowHttpErrors: true });
  return (prev, method, payload, signal) => {
    if (method === 'answerCallbackQuery') return prev(method, payload, signal);
    return isReply(method) ? replyRetry(prev, method, payload, signal) : retry(prev, method, payload, signal);
  };
}

const isReply = (method: string) => /^(send|edit|delete)/.test(method) && method !== 'sendChatAction';
