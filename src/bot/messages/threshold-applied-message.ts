import { formatSettingValue } from '../../engine/settings/describe-setting.js';
import type { ThresholdChange } from '../../engine/settings/threshold-override.js';
import { THRESHOLD_SETTINGS } from '../../engine/settings/threshold-settings.js';
import type { ApplyResult } from '../../engine/settings/threshold-types.js';
import { formatTime } from './format-number.js';
import { html, type SafeHtml } from './html.js';

/** The answer to Confirm: what is in force now, from when, and how to undo it. */
export function thresholdAppliedMessage(change: ThresholdChange, now: Date): SafeHtml {
  const value = (v: number) => formatSettingValue(THRESHOLD_SETTINGS[change.key], v);
  const until = change.expiresAt === undefined ? html`` : html` until ${formatTime(change.expiresAt, now)}, then back to ${value(change.from)}`;
  return html`✅ ${change.key} of ${change.accountId} is now <b>${value(change.to)}</b> (was ${value(change.from)})${until}. It applies at once: to new proposals, to approvals and to the next scan. Recorded as change ${change.version} (/settings history); <code>/set ${change.accountId} ${change.key} ${String(change.from)}</code> sets it back.`;
}

/** Why Confirm changed nothing. */
export function thresholdRefusedMessage(result: Exclude<ApplyResult, { kind: 'applied' }>): SafeHtml {
  switch (result.kind) {
    case 'invalid':
      return html`${result.problem} Nothing was changed.`;
    case 'forbidden':
      return html`This change is ${result.direction === 'tighten' ? 'tighter' : 'looser'} and needs an ${result.needs}. Nothing was changed.`;
    case 'needs_name':
      return html`Only the typed account name ${result.accountId} confirms this change. Nothing was changed.`;
  }
}
