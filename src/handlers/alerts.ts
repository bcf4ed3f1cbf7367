import type { AlertSettingsPort, ChatAlertSettings } from '../alerts/alert-outbox-port.js';
import type { CommandDefinition } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import { html, joinHtml, type SafeHtml } from '../bot/messages/html.js';
import { replyHtml } from '../bot/reply-html.js';
import { isTimeZone } from '../jobs/parse-job-overrides.js';

export const ALERTS_USAGE = '[quiet START-END [TZ] | quiet off | TYPE on|silent|off]';

function settingsMessage(chatId: number, s: ChatAlertSettings): SafeHtml {
  const quiet = s.quietHours === undefined ? 'off' : `${s.quietHours.startHour}:00–${s.quietHours.endHour}:00 ${s.quietHours.tz} (INFO/WARNING held, then one digest)`;
  const types = Object.entries(s.types ?? {});
  return joinHtml([
    html`<b>Alert settings</b> of this chat (<code>${chatId}</code>)`,
    html`Quiet hours: ${quiet}`,
    html`Types: ${types.length === 0 ? 'all on' : types.map(([t, m]) => `${t} ${m}`).join(', ')}`,
    html`HIGH and CRITICAL always arrive; "off" only drops INFO and WARNING of a type.`,
  ]);
}

/** Parses the arguments into new settings, or says what is wrong. */
export function applyAlertArgs(current: ChatAlertSettings, words: readonly string[], defaultTz: string): { ok: true; settings: ChatAlertSettings } | { ok: false; error: string } {
  const [first, second, third] = words;
  if (first === 'quiet') {
    if (second === 'off') {
      const { quietHours: _dropped, ...rest } = current;
      return { ok: true, settings: rest };
    }
    const match = /^(\d{1,2})-(\d{1,2})$/.exec(second ?? '');
    const [start, end] = [Number(match?.[1]), Number(match?.[2])];
    if (match === null || start > 23 || end > 23 || start === end) return { ok: false, error: 'Quiet hours are START-END in whole hours 0–23, e.g. /alerts quiet 22-7 Europe/Berlin.' };
    const tz = third ?? defaultTz;
    if (!isTimeZone(tz)) return { ok: false, error: `"${tz}" is not a time zone such as UTC or Europe/Berlin.` };
    return { ok: true, settings: { ...current, quietHours: { startHour: start, endHour: end, tz } } };
  }
  if (first !== undefined && /^[a-z][a-z0-9_]{0,40}$/.test(first) && (second === 'on' || second === 'silent' || second === 'off')) {
    return { ok: true, settings: { ...current, types: { ...(current.types ?? {}), [first]: second } } };
  }
  return { ok: false, error: `Usage: /alerts ${ALERTS_USAGE}` };
}

function settingsOf(ctx: BotContext): AlertSettingsPort | undefined {
  return ctx.deps.alertSettings;
}

export const alertsCommand: CommandDefinition = {
  name: 'alerts',
  description: 'Quiet hours and per-type alert settings of this chat',
  usage: ALERTS_USAGE,
  minRole: 'owner',
  handle: async (ctx) => {
    const settings = settingsOf(ctx);
    const chatId = ctx.chat?.id;
    if (settings === undefined || chatId === undefined) return ctx.reply('Alert settings are not available here.');
    const words = typeof ctx.match === 'string' ? ctx.match.split(/\s+/).filter((w) => w.length > 0) : [];
    if (words.length === 0) return replyHtml(ctx, settingsMessage(chatId, settings.get(chatId)));
    const next = applyAlertArgs(settings.get(chatId), words, ctx.deps.displayTimezone ?? 'UTC');
    if (!next.ok) return ctx.reply(next.error);
    await settings.set(chatId, next.settings);
    return replyHtml(ctx, settingsMessage(chatId, next.settings));
  },
};
