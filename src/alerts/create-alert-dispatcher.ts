import { randomUUID } from 'node:crypto';
import { SEVERITIES, type AlertInput, type AlertSink, type Severity } from '../engine/ports/alert-sink.js';
import type { AcknowledgementRecord, AlertActor, AlertEntry, AlertOutboxPort, ChatAlertSettings } from './alert-outbox-port.js';
import type { AlertRenderer, AlertSend } from './alert-transport.js';
import { createChatDelivery, entryKey, type AlertLogger, type ChatDelivery } from './chat-delivery.js';
import type { SendGate } from '../outbox/send-gate.js';
import { globalTimers, type Timers } from '../outbox/timers.js';

export interface AlertDispatcherDeps {
  outbox: AlertOutboxPort;
  send: AlertSend;
  /** How alerts look: Telegram HTML and the Acknowledge button (bot/alerts/render-alert.ts). */
  render: AlertRenderer;
  /** Who gets alerts: the group, or each owner's private chat. */
  chats: () => readonly number[];
  /** Telegram's limits per chat and overall, shared with every other message the bot sends. */
  gate: SendGate;
  clock: () => Date;
  timers?: Timers;
  settings?: (chatId: number) => ChatAlertSettings;
  /** At most one INFO/WARNING message per chat per window. Default 60 s. */
  windowMs?: number;
  /** How long the first INFO/WARNING of a burst waits for the rest. Default 2 s. */
  gatherMs?: number;
  /** A send Telegram has not answered by then counts as failed (and is retried). Default 30 s. */
  sendTimeoutMs?: number;
  logger: AlertLogger;
  /** Alert ids; the default is a UUID, which keeps `ack:<id>` well under 64 bytes. */
  newId?: () => string;
}

export type AcknowledgeResult =
  | { kind: 'acknowledged'; record: AcknowledgementRecord }
  | { kind: 'already_acknowledged'; record: AcknowledgementRecord }
  | { kind: 'not_found'; alertId: string };

/** For /health: what waits, and which chats Telegram is holding back. */
export interface AlertBacklog {
  /** Entries not delivered yet, and how many alerts they stand for. */
  undelivered: number;
  undeliveredAlerts: number;
  oldestUndeliveredAt?: string;
  /** Delivered CRITICAL alerts still waiting for someone to acknowledge them. */
  awaitingAcknowledgement: number;
  /** Chats paused by a 429 or backing off after failures. */
  delayedChats: { chatId: number; until: string; failures: number; reason: 'rate_limited' | 'failing' }[];
}

export interface AlertDispatcher extends AlertSink {
  start(): void;
  stop(): void;
  acknowledge(alertId: string, by: AlertActor): Promise<AcknowledgeResult>;
  /** Whether an alert with this id is waiting or was acknowledged: a forged or long-gone id is neither. */
  isKnown(alertId: string): boolean;
  /** Every chat waiting out a backoff tries now (Telegram answers again). */
  wake(): void;
  depth(): number;
  pending(): AlertBacklog;
}

const isCountable = (severity: Severity) => severity === 'INFO' || severity === 'WARNING';

const DEFAULTS = { windowMs: 60_000, gatherMs: 2_000, sendTimeoutMs: 30_000 };

/**
 * The alert outbox's delivery side (DESIGN principle 6). `raise` resolves once the alert
 * is durably in the outbox for every recipient chat; each chat's loop then delivers it
 * within Telegram's limits and removes it only when Telegram accepted it.
 */
export function createAlertDispatcher(deps: AlertDispatcherDeps): AlertDispatcher {
  const inFlight = new Set<string>();
  const loops = new Map<number, ChatDelivery>();
  const settingsOf = (chatId: number) => deps.settings?.(chatId) ?? {};
  let started = false;

  function loopFor(chatId: number): ChatDelivery {
    let loop = loops.get(chatId);
    if (loop === undefined) {
      loop = createChatDelivery({
        ...DEFAULTS,
        ...pickDefined({ windowMs: deps.windowMs, gatherMs: deps.gatherMs, sendTimeoutMs: deps.sendTimeoutMs }),
        chatId,
        outbox: deps.outbox,
        send: deps.send,
        render: deps.render,
        clock: deps.clock,
        timers: deps.timers ?? globalTimers,
        logger: deps.logger,
        settings: () => settingsOf(chatId),
        gate: deps.gate,
        inFlight,
      });
      loops.set(chatId, loop);
      if (started) loop.start();
    }
    return loop;
  }

  /**
   * INFO/WARNING identical and still unsent (and not being sent): counted in, never
   * repeated. HIGH and CRITICAL are never merged: each is its own entry and message, so
   * after an outage the chat gets every one of them (producers raise them once per cause).
   */
  const canMerge = (existing: AlertEntry, incoming: AlertEntry) =>
    isCountable(incoming.severity) &&
    existing.sentCount === 0 &&
    existing.acknowledgedAt === undefined &&
    existing.severity === incoming.severity &&
    existing.dedupeKey === incoming.dedupeKey &&
    !inFlight.has(entryKey(existing));

  async function raise(alert: AlertInput): Promise<void> {
    const entries = buildEntries(alert, deps.chats(), deps.clock(), deps.newId ?? randomUUID, settingsOf);
    if (entries.length === 0) {
      deps.logger.debug({ type: alert.type }, 'alert not queued: no recipient chat, or its type is off');
      return;
    }
    await deps.outbox.add(entries, canMerge);
    for (const entry of entries) loopFor(entry.chatId).kick();
  }

  async function acknowledge(alertId: string, by: AlertActor): Promise<AcknowledgeResult> {
    const copies = deps.outbox.list().filter((e) => e.id === alertId);
    const first = copies[0];
    const record = { alertId, type: first?.type ?? '', title: first?.title ?? '', by, at: deps.clock().toISOString() };
    const result = await deps.outbox.acknowledge(record);
    // Re-plan those chats: their reminder timers now have nothing to remind of.
    for (const chatId of new Set(copies.map((e) => e.chatId))) loopFor(chatId).kick();
    if (result.kind === 'not_found') return { kind: 'not_found', alertId };
    return result;
  }

  return {
    raise,
    acknowledge,
    isKnown: (alertId) => deps.outbox.list().some((e) => e.id === alertId) || deps.outbox.acknowledgements().some((a) => a.alertId === alertId),
    start() {
      started = true;
      const chats = new Set([...deps.chats(), ...deps.outbox.list().map((e) => e.chatId)]);
      for (const chatId of chats) loopFor(chatId).start();
    },
    stop() {
      started = false;
      for (const loop of loops.values()) loop.stop();
    },
    wake() {
      for (const loop of loops.values()) loop.wake();
    },
    depth: () => deps.outbox.list().filter((e) => e.sentCount === 0).length,
    pending: () => describeBacklog(deps.outbox.list(), [...loops.values()], deps.clock()),
  };
}

/** One entry per recipient chat; an `off` type drops INFO/WARNING, never HIGH or CRITICAL. */
function buildEntries(
  alert: AlertInput,
  chats: readonly number[],
  now: Date,
  newId: () => string,
  settingsOf: (chatId: number) => ChatAlertSettings,
): AlertEntry[] {
  // The engine is typed, but the store must never take a value its schema would refuse.
  const severity: Severity = (SEVERITIES as readonly string[]).includes(alert.severity) ? alert.severity : 'HIGH';
  const type = alert.type === '' ? 'alert' : alert.type;
  const urgent = severity === 'CRITICAL' || severity === 'HIGH';
  const at = now.toISOString();
  const id = newId();
  return [...new Set(chats)]
    .filter((chatId) => urgent || settingsOf(chatId).types?.[type] !== 'off')
    .map((chatId) => ({
      id,
      chatId,
      severity,
      type,
      title: alert.title,
      ...(alert.body === undefined ? {} : { body: alert.body }),
      dedupeKey: alert.dedupeKey ?? `${type}:${alert.title}`,
      count: 1,
      firstAt: at,
      lastAt: at,
      createdAt: at,
      attempts: 0,
      sentCount: 0,
    }));
}

function describeBacklog(entries: readonly AlertEntry[], loops: readonly ChatDelivery[], now: Date): AlertBacklog {
  // Pacing alone (the next message waits its second) is normal and not reported.
  const undelivered = entries.filter((e) => e.sentCount === 0);
  const oldest = undelivered.reduce<string | undefined>((min, e) => (min === undefined || e.createdAt < min ? e.createdAt : min), undefined);
  const awaiting = new Set(entries.filter((e) => e.sentCount > 0 && e.acknowledgedAt === undefined).map((e) => e.id));
  const delayedChats = loops
    .map((loop) => loop.status())
    .filter((s) => s.lastFailure !== undefined && s.notBefore > now.getTime())
    .map((s) => ({
      chatId: s.chatId,
      until: new Date(s.notBefore).toISOString(),
      failures: s.failures,
      reason: s.lastFailure === 'rate_limited' ? ('rate_limited' as const) : ('failing' as const),
    }));
  return {
    undelivered: undelivered.length,
    undeliveredAlerts: undelivered.reduce((sum, e) => sum + e.count, 0),
    ...(oldest === undefined ? {} : { oldestUndeliveredAt: oldest }),
    awaitingAcknowledgement: awaiting.size,
    delayedChats,
  };
}

function pickDefined<T extends Record<string, number | undefined>>(values: T): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, number>>;
}
