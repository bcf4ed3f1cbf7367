import { describeRange, formatSettingValue } from '../../engine/settings/describe-setting.js';
import type { ThresholdOverride } from '../../engine/settings/threshold-override.js';
import type { ThresholdRow } from '../../engine/settings/threshold-types.js';
import { badge } from './badge.js';
import { formatTime } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/**
 * `/thresholds`: every gate threshold and risk limit of one account, with its unit, the
 * configured default, the range a change may choose, and where the value in force comes
 * from (the config, a change in the chat, or a temporary value until a time).
 */
export function thresholdsMessage(accountId: string, live: boolean, rows: readonly ThresholdRow[], now: Date): SafeHtml {
  return joinHtml([
    html`${badge(live ? 'live' : 'paper')} · <b>Thresholds of ${accountId}</b>\n`,
    ...rows.map((row) => rowLines(row, now)),
    html`\nChange one: <code>/set ${accountId} SETTING VALUE [for 24h] [reason]</code>, or the button below.`,
  ]);
}

function rowLines(row: ThresholdRow, now: Date): SafeHtml {
  const { setting } = row;
  const value = (v: number) => formatSettingValue(setting, v);
  const range = html`range ${describeRange(setting)}`;
  switch (row.source.kind) {
    case 'config':
      return html`<b>${setting.key}</b>: ${value(row.value)} · from the config\n  ${setting.meaning}; ${range}`;
    case 'chat':
      return html`<b>${setting.key}</b>: ${value(row.value)} · changed in the chat ${who(row.source.override, now)}\n  config ${value(row.configValue)}${configMoved(row, row.source.override)}; ${range}`;
    case 'temporary': {
      const until = formatTime(row.source.override.expiresAt ?? '', now);
      return html`<b>${setting.key}</b>: ${value(row.value)} · temporary until ${until}, then ${value(row.source.revertsTo)} · ${who(row.source.override, now)}\n  config ${value(row.configValue)}${configMoved(row, row.source.override)}; ${range}`;
    }
  }
}

function who(override: ThresholdOverride, now: Date): SafeHtml {
  return html`by ${override.byName}, ${formatTime(override.at, now)}${override.reason === undefined ? '' : html`: “${override.reason}”`}`;
}

/** The config changed under a chat value since it was set: both values are worth seeing. */
function configMoved(row: ThresholdRow, override: ThresholdOverride): SafeHtml {
  return override.configValue === row.configValue ? html`` : html` (it was ${formatSettingValue(row.setting, override.configValue)} when changed in the chat)`;
}
