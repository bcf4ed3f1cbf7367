import type { AlertDispatcher } from '../../alerts/create-alert-dispatcher.js';
import type { Engine } from '../../engine/index.js';
import type { Intent, IntentKind } from '../../store/inbound-schema.js';

/** What an executor may act on: the same engine and alerts the handlers use. */
export interface IntentServices {
  readonly engine: Engine;
  readonly alerts: Pick<AlertDispatcher, 'acknowledge'>;
}

export interface IntentOutcome {
  /** One word or phrase for the history and the log: `approved`, `refused: …`. */
  readonly result: string;
  /** The toast, when the tap is still being answered (a decision made before the answer). */
  readonly toast: string;
  /** Said in the chat afterwards, when the toast cannot carry it (approval refused). */
  readonly message?: string;
}

export interface IntentRun {
  /** Carried out at start-up: it was recorded by an earlier process that did not finish it. */
  readonly recovered: boolean;
}

/**
 * Carries out one kind of intent. It must be idempotent per target: after a crash the
 * same intent runs again, and the engine's operations already answer `already_decided`.
 */
export type IntentExecutor = (intent: Intent, services: IntentServices, run: IntentRun) => Promise<IntentOutcome>;

export type IntentExecutors = Readonly<Record<IntentKind, IntentExecutor>>;
