import type { AlertEntry } from '../../alerts/alert-outbox-port.js';
import type { AlertRenderer } from '../../alerts/alert-transport.js';
import type { Severity } from '../../engine/ports/alert-sink.js';
import { encodeCallbackData } from '../callback-data.js';
import { escapeHtml } from '../messages/html.js';

/**
 * Alert messages in Telegram's HTML parse mode. Every piece of outside text (titles,
 * bodies, types, names) goes through `escapeHtml`, and every tag opens and closes on one
 * line, so splitting on line boundaries never cuts a tag in two.
 */

export const SEVERITY_ICONS: Record<Severity, string> = { CRITICAL: '🚨', HIGH: '🟠', WARNING: '⚠️', INFO: 'ℹ️' };

/** A digest lists this many kinds one per line; the rest are summed up per type. */
const DIGEST_MAX_LINES = 40;
const DIGEST_BODY_CHARS = 200;
/** Delivered later than this (outage, quiet hours): the message says when it happened. */
const LATE_AFTER_MS = 60_000;

export function severityTag(severity: Severity): string {
  return `${SEVERITY_ICONS[severity]} <b>${severity}</b>`;
}

/** `×12 in 5 min`, or nothing for a single alert. */
export function formatCount(entry: Pick<AlertEntry, 'count' | 'firstAt' | 'lastAt'>): string {
  if (entry.count <= 1) return '';
  const span = Date.parse(entry.lastAt) - Date.parse(entry.firstAt);
  return span < 1_000 ? ` ×${entry.count}` : ` ×${entry.count} in ${formatSpan(span)}`;
}

/** `40 s`, `5 min`, `2 h 5 min`. */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1_000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

const hhmm = (iso: string) => `${iso.slice(11, 16)} UTC`;

/** One alert: tag, title, count, body; reminders and acknowledgements say so. */
export function renderAlert(entry: AlertEntry, now: Date): string {
  const lines = [`${severityTag(entry.severity)} · <b>${escapeHtml(entry.title)}</b>${formatCount(entry)}`];
  if (entry.body !== undefined && entry.body !== '') lines.push(escapeHtml(entry.body));
  const age = now.getTime() - Date.parse(entry.firstAt);
  if (entry.sentCount > 0) lines.push(`🔁 Reminder ${entry.sentCount}: not acknowledged for ${formatSpan(age)}`);
  else if (age > LATE_AFTER_MS) lines.push(`<i>Raised at ${hhmm(entry.firstAt)}, ${formatSpan(age)} ago.</i>`);
  if (entry.acknowledgedBy !== undefined) lines.push(`✅ Acknowledged by ${escapeHtml(entry.acknowledgedBy.name)}`);
  return lines.join('\n');
}

/**
 * Several INFO/WARNING alerts as one message: tagged with the strongest severity in it,
 * one line per kind (identical alerts counted), WARNING before INFO, oldest first.
 */
export function renderDigest(entries: readonly AlertEntry[], now: Date): string {
  if (entries.length === 1 && entries[0] !== undefined) return renderAlert(entries[0], now);
  const groups = groupByKind(entries);
  const total = entries.reduce((sum, e) => sum + e.count, 0);
  const first = entries.reduce((min, e) => (e.firstAt < min ? e.firstAt : min), entries[0]?.firstAt ?? now.toISOString());
  const strongest = groups.some((g) => g.severity === 'WARNING') ? 'WARNING' : 'INFO';
  const lines = [`${severityTag(strongest)} · ${total} alerts since ${hhmm(first)}`];
  for (const group of groups.slice(0, DIGEST_MAX_LINES)) {
    lines.push(`${SEVERITY_ICONS[group.severity]} <b>${escapeHtml(group.title)}</b>${formatCount(group)}`);
    const body = group.body?.split('\n')[0]?.slice(0, DIGEST_BODY_CHARS);
    if (body !== undefined && body !== '') lines.push(`    ${escapeHtml(body)}`);
  }
  const rest = groups.slice(DIGEST_MAX_LINES);
  if (rest.length > 0) lines.push(summarizeRest(rest));
  return lines.join('\n');
}

function groupByKind(entries: readonly AlertEntry[]): AlertEntry[] {
  const byKey = new Map<string, AlertEntry>();
  for (const entry of entries) {
    const key = `${entry.severity}\u0000${entry.dedupeKey}`;
    const group = byKey.get(key);
    if (group === undefined) {
      byKey.set(key, { ...entry });
    } else {
      group.count += entry.count;
      if (entry.firstAt < group.firstAt) group.firstAt = entry.firstAt;
      if (entry.lastAt > group.lastAt) group.lastAt = entry.lastAt;
    }
  }
  const rank = (e: AlertEntry) => (e.severity === 'WARNING' ? 0 : 1);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b) || a.firstAt.localeCompare(b.firstAt));
}

/** The kinds past the line limit, still counted: nothing raised goes unmentioned. */
function summarizeRest(rest: readonly AlertEntry[]): string {
  const byType = new Map<string, number>();
  for (const entry of rest) byType.set(entry.type, (byType.get(entry.type) ?? 0) + entry.count);
  const total = rest.reduce((sum, e) => sum + e.count, 0);
  const types = [...byType].map(([type, count]) => `${escapeHtml(type)} ×${count}`).join(', ');
  return `… and ${total} more alerts of ${rest.length} kinds: ${types}`;
}

/** The same message without markup, for when Telegram refuses the HTML anyway. */
export function toPlainText(htmlText: string): string {
  return htmlText
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Callback data prefix of the Acknowledge button on a CRITICAL alert. */
export const ACK_PREFIX = 'ack';

/** Alerts as Telegram HTML, with the Acknowledge button. */
export const alertRenderer: AlertRenderer = {
  alert: renderAlert,
  digest: renderDigest,
  plain: toPlainText,
  acknowledgeButton: (alertId) => ({ text: '✅ Acknowledge', callbackData: encodeCallbackData(ACK_PREFIX, alertId) }),
};
