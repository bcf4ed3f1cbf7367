import type { AlertTypeMode, QuietHours } from '../../alerts/alert-outbox-port.js';
import { ALERT_TYPES } from '../../alerts/alert-table.js';
import { isTimeZone } from '../../jobs/parse-job-overrides.js';
import { quote, type Parsed } from './parsed.js';
import { splitWords } from './split-words.js';

export const ALERTS_USAGE = '[quiet START-END [TZ] | quiet off | TYPE on|silent|off]';

/** What `/alerts …` asks for; applied to a chat's settings by changeAlertSettings. */
export type AlertsArgs =
  | { readonly kind: 'show' }
  | { readonly kind: 'quiet'; readonly quietHours: QuietHours }
  | { readonly kind: 'quiet_off' }
  | { readonly kind: 'type'; readonly type: string; readonly mode: AlertTypeMode };

const MODES: readonly AlertTypeMode[] = ['on', 'silent', 'off'];
const ALERT_TYPE_NAMES = Object.keys(ALERT_TYPES);

/** `/alerts`, `/alerts quiet 22-7 Europe/Berlin`, `/alerts quiet off`, `/alerts job_stale silent`. */
export function parseAlertsArgs(text: string, defaultTz: string): Parsed<AlertsArgs> {
  const words = splitWords(text);
  const withUsage = (error: string): Parsed<never> => ({ ok: false, error: `${error} Usage: /alerts ${ALERTS_USAGE}` });
  const [first, second, third, ...extra] = words;
  if (first === undefined) return { ok: true, value: { kind: 'show' } };
  if (first.toLowerCase() === 'quiet') {
    if (second?.toLowerCase() === 'off' && third === undefined) return { ok: true, value: { kind: 'quiet_off' } };
    if (extra.length > 0) return withUsage(`Too many words: ${quote(extra.join(' '))} is left over.`);
    return parseQuietHours(second ?? '', third ?? defaultTz);
  }
  const type = ALERT_TYPE_NAMES.find((t) => t === first.toLowerCase());
  // A type nobody raises would be stored and never matter: refuse it, with the real ones.
  if (type === undefined) return { ok: false, error: `${quote(first)} is neither "quiet" nor an alert type. The types: ${ALERT_TYPE_NAMES.join(', ')}.` };
  const mode = MODES.find((m) => m === second?.toLowerCase());
  if (mode === undefined || third !== undefined) return withUsage(`Give the alert type one mode: ${MODES.join(', ')}, e.g. /alerts ${type} silent.`);
  return { ok: true, value: { kind: 'type', type, mode } };
}

function parseQuietHours(span: string, tz: string): Parsed<AlertsArgs> {
  const match = /^(\d{1,2})-(\d{1,2})$/.exec(span);
  const [startHour, endHour] = [Number(match?.[1]), Number(match?.[2])];
  if (match === null || startHour > 23 || endHour > 23 || startHour === endHour) {
    return { ok: false, error: 'Quiet hours are START-END in whole hours 0–23 that differ, e.g. /alerts quiet 22-7 Europe/Berlin.' };
  }
  if (!isTimeZone(tz)) return { ok: false, error: `${quote(tz)} is not a time zone such as UTC or Europe/Berlin.` };
  return { ok: true, value: { kind: 'quiet', quietHours: { startHour, endHour, tz } } };
}
