import { haltCommand, haltIntent, pauseCommand, resumeCommand } from './controls.js';
import { backfillCommand, cancelBackfillButton, cancelBackfillIntent, confirmBackfillButton, startBackfillIntent } from './backfill.js';
import { helpCommand } from './help.js';
import { alertsCommand } from './alerts.js';
import { healthCommand } from './health.js';
import { jobsCommand, runCommand } from './jobs.js';
import { pnlCommand } from './pnl.js';
import { acknowledgeButton, acknowledgeIntent } from './acknowledge.js';
import { chartCommand } from './chart.js';
import { gatesCommand, scanCommand, watchCommand } from './market.js';
import { proposeCommand } from './propose.js';
import { approveButton, approveIntent, detailsButton, rejectButton, rejectIntent } from './proposal-buttons.js';
import { navButtons, startCommand } from './start.js';
import { researchCommand } from './research.js';
import { statusCommand } from './status.js';
import { pendingCommand } from './pending.js';
import { ordersCommand, positionsCommand } from './trading-views.js';
import { applySuggestionButton, statsCommand } from './stats.js';
import { usersCommand } from './users.js';
import { changeThresholdButton, setCommand, settingsCommand, thresholdsCommand } from './thresholds.js';
import { webhooksCommand } from './webhooks.js';
import type { ButtonDefinition, CommandDefinition } from '../bot/command.js';
import type { IntentExecutors } from '../bot/inbound/intent-executor.js';

/** Every command the bot understands, in the order /help lists them. */
export const COMMANDS: readonly CommandDefinition[] = [
  startCommand,
  helpCommand,
  statusCommand,
  healthCommand,
  jobsCommand,
  runCommand,
  proposeCommand,
  pendingCommand,
  ordersCommand,
  positionsCommand,
  statsCommand,
  pnlCommand,
  backfillCommand,
  scanCommand,
  researchCommand,
  gatesCommand,
  watchCommand,
  chartCommand,
  thresholdsCommand,
  setCommand,
  settingsCommand,
  alertsCommand,
  webhooksCommand,
  pauseCommand,
  resumeCommand,
  haltCommand,
  usersCommand,
];

/** Every inline-button family, by callback-data prefix. */
export const BUTTONS: readonly ButtonDefinition[] = [navButtons, approveButton, rejectButton, detailsButton, cancelBackfillButton, confirmBackfillButton, acknowledgeButton, changeThresholdButton, applySuggestionButton];

/** How each kind of recorded tap or confirmation is carried out, by the inbound worker. */
export const INTENT_EXECUTORS: IntentExecutors = {
  approve: approveIntent,
  reject: rejectIntent,
  acknowledge: acknowledgeIntent,
  cancel_backfill: cancelBackfillIntent,
  start_backfill: startBackfillIntent,
  halt: haltIntent,
};
