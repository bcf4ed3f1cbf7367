import { formatSettingValue } from '../../engine/settings/describe-setting.js';
import type { ThresholdChange } from '../../engine/settings/threshold-override.js';
import { THRESHOLD_SETTINGS } from '../../engine/settings/threshold-settings.js';
import type { RollbackPlan } from '../../engine/settings/threshold-types.js';
import { formatTime } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** `/settings history`: every change, newest first, with who, when, old → new, why and until when. */
export function settingsHistoryMessage(changes: readonly ThresholdChange[], accountId: string | undefined, now: Date): SafeHtml {
  const of = accountId === undefined ? '' : ` of ${accountId}`;
  if (changes.length === 0) return html`No threshold${of} has been changed in the chat yet. /thresholds shows the values in force.`;
  return joinHtml([
    html`<b>Threshold changes${of}</b>, newest first`,
    ...changes.map((c) => changeLine(c, now)),
    html`\n<code>/settings rollback N</code> restores an account's values as they were right after change N (owner).`,
  ]);
}

export function changeLine(c: ThresholdChange, now: Date): SafeHtml {
  const value = (v: number) => formatSettingValue(THRESHOLD_SETTINGS[c.key], v);
  const head = html`<b>${c.version}</b> · ${formatTime(c.at, now)} · ${c.accountId} · ${c.key} ${value(c.from)} → ${value(c.to)}`;
  switch (c.kind) {
    case 'set': {
      const until = c.expiresAt === undefined ? '' : html`, until ${formatTime(c.expiresAt, now)}`;
      return html`${head} · by ${c.byName}${until}${c.reason === undefined ? '' : html`: “${c.reason}”`}`;
    }
    case 'expired':
      return html`${head} · the temporary value ended`;
    case 'rollback':
      return html`${head} · rollback to change ${c.rollbackTo ?? '?'} by ${c.byName}`;
  }
}

/** What a rollback would do, before Confirm; or why there is nothing to do. */
export function rollbackPlanMessage(plan: RollbackPlan, now: Date): SafeHtml {
  switch (plan.kind) {
    case 'unknown_version':
      return plan.latest === 0
        ? html`There is no change to roll back to: no threshold has been changed in the chat yet.`
        : html`There is no change with that number: changes run from 1 to ${plan.latest} (/settings history lists them).`;
    case 'unchanged':
      return html`The values of ${plan.target.accountId} are already as they were right after change ${plan.target.version}: nothing to roll back.`;
    case 'plan':
      return joinHtml([
        html`<b>Roll ${plan.target.accountId} back to change ${plan.target.version}</b> (${formatTime(plan.target.at, now)}):`,
        ...plan.steps.map((s) => html`· ${s.key}: ${formatSettingValue(THRESHOLD_SETTINGS[s.key], s.from)} → <b>${formatSettingValue(THRESHOLD_SETTINGS[s.key], s.to)}</b>`),
      ]);
  }
}
