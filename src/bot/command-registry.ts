import { haltCommand, pauseCommand, resumeCommand } from '../handlers/controls.js';
import { backfillCommand, cancelBackfillButton } from '../handlers/backfill.js';
import { helpCommand } from '../handlers/help.js';
import { alertsCommand } from '../handlers/alerts.js';
import { healthCommand } from '../handlers/health.js';
import { jobsCommand, runCommand } from '../handlers/jobs.js';
import { pnlCommand } from '../handlers/pnl.js';
import { acknowledgeButton } from '../alerts/acknowledge-button.js';
import { chartCommand, gatesCommand, scanCommand, watchCommand } from '../handlers/market.js';
import { proposeCommand } from '../handlers/propose.js';
import { approveButton, detailsButton, rejectButton } from '../handlers/proposal-buttons.js';
import { navButtons, startCommand } from '../handlers/start.js';
import { statusCommand } from '../handlers/status.js';
import { ordersCommand, pendingCommand, positionsCommand, statsCommand } from '../handlers/trading-views.js';
import { usersCommand } from '../handlers/users.js';
import type { ButtonDefinition, CommandDefinition } from './command.js';

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
  gatesCommand,
  watchCommand,
  chartCommand,
  alertsCommand,
  pauseCommand,
  resumeCommand,
  haltCommand,
  usersCommand,
];

/** Every inline-button family, by callback-data prefix. */
export const BUTTONS: readonly ButtonDefinition[] = [navButtons, approveButton, rejectButton, detailsButton, cancelBackfillButton, acknowledgeButton];
