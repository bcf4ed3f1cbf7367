import type { ChatAlertSettings } from '../alerts/alert-outbox-port.js';
import { changeAlertSettings } from '../alerts/change-alert-settings.js';
import type { CommandDefinition } from '../bot/command.js';
import { html, joinHtml, type SafeHtml } from '../bot/messages/html.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { ALERTS_USAGE, parseAlertsArgs } from '../bot/parse/parse-alerts-args.js';
import { replyHtml } from '../bot/reply-html.js';

/** `7` → `07:00`, as clocks show it. */
const hourOfDay = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

function settingsMessage(chatId: number, s: ChatAlertSettings): SafeHtml {
  const quiet = s.quietHours === undefined ? 'off' : `${hourOfDay(s.quietHours.startHour)}–${hourOfDay(s.quietHours.endHour)} ${s.quietHours.tz} (INFO/WARNING held, then one digest)`;
  const types = Object.entries(s.types ?? {});
  return joinHtml([
    html`<b>Alert settings</b> of this chat (<code>${chatId}</code>)`,
    html`Quiet hours: ${quiet}`,
    html`Types: ${types.length === 0 ? 'all on' : types.map(([t, m]) => `${t} ${m}`).join(', ')}`,
    html`HIGH and CRITICAL always arrive; "off" only drops INFO and WARNING of a type.`,
  ]);
}

export const alertsCommand: CommandDefinition = {
  name: 'alerts',
  description: 'Quiet hours and per-type alert settings of this chat',
  usage: ALERTS_USAGE,
  minRole: 'owner',
  // Bare, it shows the settings; with arguments, it changes them.
  effect: (args) => (args.trim() === '' ? 'read' : 'write'),
  handle: async (ctx) => {
    const { alertSettings, displayTimezone } = ctx.deps;
    // Every command comes from a chat; an update without one has nothing to configure.
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const args = parseAlertsArgs(commandArgs(ctx), displayTimezone);
    if (!args.ok) return ctx.reply(args.error);
    const current = alertSettings.get(chatId);
    if (args.value.kind === 'show') return replyHtml(ctx, settingsMessage(chatId, current));
    const next = changeAlertSettings(current, args.value);
    await alertSettings.set(chatId, next);
    return replyHtml(ctx, settingsMessage(chatId, next));
  },
};
