import type { Counterfactual } from '../../engine/settings/calculate-counterfactual.js';
import type { WorstCase } from '../../engine/settings/calculate-worst-case.js';
import { formatSettingValue } from '../../engine/settings/describe-setting.js';
import { TYPED_NAME_FACTOR } from '../../engine/settings/judge-change.js';
import type { ThresholdKey } from '../../engine/settings/threshold-settings.js';
import type { ChangePreview } from '../../engine/settings/threshold-types.js';
import { badge } from './badge.js';
import type { Decimal } from '../../engine/money/decimal.js';
import { formatSpan } from './format-span.js';
import { formatMoney, formatTime } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** Where a setting that no gate reads takes effect, since the recorded decisions cannot show it. */
const NOT_GATED: Partial<Record<ThresholdKey, string>> = {
  priceDriftTolerancePct: 'it applies when someone taps Approve (the price re-check)',
  proposalTtlMinutes: 'it applies to proposals made from now on',
  fillTimeoutSeconds: 'it applies to the next approved order',
  approvalBandLowPct: 'it sets the band /stats holds the pass and approval rates against',
  approvalBandHighPct: 'it sets the band /stats holds the pass and approval rates against',
};

/**
 * The preview of a change, before Confirm: old → new, what it would have done over the
 * recorded decisions, and for loss limits the worst case in money at today's equity.
 */
export function thresholdPreviewMessage(preview: ChangePreview, live: boolean, now: Date): SafeHtml {
  const { request, setting, from, judgement } = preview;
  const value = (v: number) => formatSettingValue(setting, v);
  const direction = judgement.direction === 'tighten' ? 'tighter' : 'looser';
  const duration =
    request.durationMs === undefined || preview.expiresAt === undefined
      ? html`lasting until changed`
      : html`for ${formatSpan(request.durationMs)}, until ${formatTime(preview.expiresAt, now)}, then back to ${value(from)}`;
  return joinHtml([
    html`${badge(live ? 'live' : 'paper')} · <b>Change ${setting.key} of ${request.accountId}</b>`,
    html`${value(from)} → <b>${value(request.value)}</b> (${direction}) · ${duration}${request.reason === undefined ? '' : html` · “${request.reason}”`}`,
    html``,
    preview.counterfactual === undefined
      ? html`No gate reads ${setting.key}, so the recorded decisions would have gone the same way; ${NOT_GATED[setting.key] ?? 'it applies from now on'}.`
      : counterfactualLine(preview.counterfactual, `${setting.key} ${value(request.value)}`, preview.windowDays),
    ...worstCaseLines(preview),
    html``,
    roleLine(preview),
  ]);
}

/** "with minConfidence 0.55: 17 of 120 decisions would no longer be blocked by min_confidence: …" */
export function counterfactualLine(c: Counterfactual, change: string, days: number): SafeHtml {
  const left = c.withoutInputs === 0 ? html`` : html` (${c.withoutInputs} older decisions recorded no gate inputs and are left out)`;
  if (c.decisions === 0) return html`No decisions of this account in the last ${days} days to try it on yet${left}.`;
  const rates = html`pass rate ${rate(c.passedBefore, c.decisions)} → ${rate(c.passedAfter, c.decisions)}`;
  const over = html`Over the last ${days} days, with ${change}: `;
  if (c.unblocked > 0) {
    const instead = Object.entries(c.insteadBlockedBy).sort((a, b) => b[1] - a[1]);
    const passing = c.unblocked - instead.reduce((sum, [, n]) => sum + n, 0);
    const insteadText = instead.length === 0 ? html`` : html`; ${joinHtml(instead.map(([gate, n]) => html`${n} would be blocked by ${gate} instead`), ', ')}`;
    return html`${over}${passing} more of ${c.decisions} decisions would have passed the gates (${rates})${insteadText}${left}.`;
  }
  if (c.newlyBlocked > 0) {
    return html`${over}${c.newlyBlocked} of ${c.decisions} decisions would have been blocked by it, ${c.newlyBlockedWerePassing} of which had passed every gate (${rates})${left}.`;
  }
  return html`${over}none of the ${c.decisions} decisions would have gone differently (pass rate ${rate(c.passedBefore, c.decisions)})${left}.`;
}

function rate(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`;
}

function worstCaseLines(preview: ChangePreview): SafeHtml[] {
  if (preview.worstCaseProblem !== undefined) return [html`Worst case in money: ${preview.worstCaseProblem}.`];
  const worst = preview.worstCase;
  if (worst === undefined) return [];
  const pair = (pick: (w: WorstCase) => Decimal) => {
    const [a, b] = [formatMoney(pick(worst.before)), formatMoney(pick(worst.after))];
    return a === b ? html`${a}` : html`${a} → <b>${b}</b>`;
  };
  return [
    html`Worst case at today's equity of ${formatMoney(worst.equity)}:`,
    html`· one position: up to ${pair((w) => w.largestPosition)} (set by ${worst.after.cappedBy})`,
    html`· every allowed position at once: ${pair((w) => w.allPositions)}`,
    html`· lost in a day before new risk is blocked: ${pair((w) => w.dailyLoss)}`,
  ];
}

function roleLine(preview: ChangePreview): SafeHtml {
  const { judgement, request } = preview;
  if (judgement.direction === 'tighten') return html`Tighter is the safe direction: an approver or owner may confirm.`;
  if (judgement.needsTypedName) return html`More than ${TYPED_NAME_FACTOR}× looser on a loss limit: only an owner may confirm, by typing the account name <b>${request.accountId}</b>.`;
  return html`Looser: only an owner may confirm.`;
}
