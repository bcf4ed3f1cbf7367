import type { ConversationControls } from '@grammyjs/conversations';
import { Context, type Transformer } from 'grammy';
import type { AlertSettingsPort } from '../alerts/alert-outbox-port.js';
import type { AlertDispatcher } from '../alerts/create-alert-dispatcher.js';
import type { Config } from '../config.js';
import type { MessageOutbox } from '../outbox/create-message-outbox.js';
import type { MessageIdTracker } from './outbox/create-message-id-tracker.js';
import type { HealthReport } from '../engine/health/collect-health.js';
import type { JobScheduler } from '../jobs/start-jobs.js';
import type { Engine } from '../engine/index.js';
import type { Logger } from '../logger.js';
import type { CommandDefinition } from './command.js';
import type { Inbound } from './inbound/create-inbound.js';
import type { Role } from '../roles.js';
import type { UserDirectory } from './user-directory.js';
import type { SignalsPanel } from '../signals/signals-panel.js';

/** What every handler may use; built once in the composition root. */
export interface BotDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly engine: Engine;
  readonly users: UserDirectory;
  readonly clock: () => Date;
  /** Messages the bot sends on its own, durably (cards, edits, replies, reports). */
  readonly outbox: MessageOutbox;
  /** The newest message id per chat, which the outbox reconciles lost sends with. */
  readonly messageIds: MessageIdTracker;
  /** Paces the bot's direct replies with the outboxes, per chat and overall. */
  readonly directSends: Transformer;
  /** The durable alert outbox: raise, acknowledge, depth. */
  readonly alerts: AlertDispatcher;
  /** Quiet hours and per-type modes per chat, for /alerts. */
  readonly alertSettings: AlertSettingsPort;
  /** The scheduled jobs, for /jobs and /run. */
  readonly jobs: Pick<JobScheduler, 'list' | 'names' | 'runNow'>;
  /** Measured health, for /health (it also refreshes what GET /healthz answers). */
  readonly health: () => Promise<HealthReport>;
  /** IANA zone (DISPLAY_TIMEZONE) /jobs, /health and /alerts use; New York time shows beside it. */
  readonly displayTimezone: string;
  /** Durable inbound: updates that already acted, recorded taps and their worker, question deadlines. */
  readonly inbound: Inbound;
  /** Outgoing webhooks and incoming signals, for /webhooks; absent when none is set. */
  readonly signals?: SignalsPanel;
}

/**
 * The context every handler gets. Fields are filled by the first middleware
 * (contextSetup); the logger is built on first use, since most updates never log.
 */
export class BotContext extends Context {
  deps!: BotDeps;
  /** Set by the auth middleware; handlers only ever run with a role. */
  role: Role | undefined;
  /** Short id shown to the user with an error, and on every log line of this update. */
  correlationId!: string;
  commands!: readonly CommandDefinition[];
  /** Installed by the conversations plugin (ConversationFlavor). */
  declare conversation: ConversationControls;

  /** A child logger carrying update_id, user id and correlation id. */
  get log(): Logger {
    let log = loggers.get(this);
    if (log === undefined) {
      log = this.deps.logger.child({ update_id: this.update.update_id, user_id: this.from?.id, cid: this.correlationId });
      loggers.set(this, log);
    }
    return log;
  }
}

// Outside the class: a private field would make grammY's narrowed context types
// (CommandContext<BotContext> …) no longer assignable to BotContext.
const loggers = new WeakMap<BotContext, Logger>();
