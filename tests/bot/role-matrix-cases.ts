import { CHANGE_THRESHOLD_PREFIX } from '../../src/handlers/thresholds.js';
import { APPLY_SUGGESTION_PREFIX } from '../../src/handlers/stats.js';
import { ACK_PREFIX } from '../../src/bot/alerts/render-alert.js';
import { BACKFILL_CANCEL_PREFIX, BACKFILL_CONFIRM_PREFIX } from '../../src/bot/backfill-progress-view.js';
import { findSubcommand, type CommandDefinition } from '../../src/bot/command.js';
import { NAV_PREFIX } from '../../src/bot/keyboards/start-keyboard.js';
import { APPROVE_PREFIX, DETAILS_PREFIX, REJECT_PREFIX } from '../../src/bot/keyboards/proposal-keyboard.js';
import { BUTTONS, COMMANDS } from '../../src/handlers/command-registry.js';
import { ROLES, type Role } from '../../src/roles.js';
import { APPROVER, OWNER, STRANGER, VIEWER, type TestBot } from '../helpers/test-bot.js';

export const PEOPLE: readonly { who: string; id: number; role: Role | undefined }[] = [
  { who: 'owner', id: OWNER, role: 'owner' },
  { who: 'approver', id: APPROVER, role: 'approver' },
  { who: 'viewer', id: VIEWER, role: 'viewer' },
  { who: 'stranger', id: STRANGER, role: undefined },
];

/**
 * Lines with arguments that reach the engine, beside the bare command and each bare
 * sub-command (which the matrix always sends). Keyed by command name.
 */
export const EXAMPLE_LINES: Readonly<Record<string, readonly string[]>> = {
  propose: ['/propose paper BTC/USDT buy 0.01'],
  backfill: ['/backfill sim BTC/USDT 1h 2'],
  pnl: ['/pnl 7d paper'],
  gates: ['/gates 10'],
  scan: ['/scan paper'],
  chart: ['/chart BTC/USDT 1h'],
  run: ['/run expire_proposals'],
  alerts: ['/alerts quiet 22-7 UTC', '/alerts job_stale silent'],
  watch: ['/watch list @paper', '/watch add BTC/USDT', '/watch remove AAPL'],
};

export interface CommandCase {
  readonly line: string;
  /** What a refusal names: `/watch` or `/watch add`. */
  readonly what: string;
  readonly minRole: Role;
}

const strongest = (...roles: Role[]): Role => ROLES[Math.max(...roles.map((r) => ROLES.indexOf(r)))] as Role;

/** The role a line needs: its command's, or its sub-command's when that is stronger. */
function caseOf(command: CommandDefinition, line: string): CommandCase {
  // As the registry reads it: the first word's sub-command, or the default one (`/research` runs).
  const sub = findSubcommand(command, line.split(' ').slice(1).join(' '));
  const minRole = strongest(command.minRole, sub?.minRole ?? command.minRole);
  return { line, minRole, what: sub === undefined || minRole === command.minRole ? `/${command.name}` : `/${command.name} ${sub.name}` };
}

/** Every command, bare, with each sub-command, and with the example arguments. */
export const COMMAND_CASES: readonly CommandCase[] = COMMANDS.flatMap((command) => {
  const lines = [`/${command.name}`, ...(command.subcommands ?? []).map((s) => `/${command.name} ${s.name}`), ...(EXAMPLE_LINES[command.name] ?? [])];
  return [...new Set(lines)].map((line) => caseOf(command, line));
});

/** A pending proposal's id, proposed straight on the engine (no role involved). */
async function pendingProposal(h: TestBot): Promise<string> {
  const result = await h.engine.propose({ accountId: 'paper', symbol: 'BTC/USDT', side: 'buy', size: { kind: 'quantity', quantity: '0.01' }, orderType: 'market', source: 'manual', confidence: 1, rationale: 'role matrix' });
  if (result.kind !== 'proposed') throw new Error(`not proposed: ${JSON.stringify(result)}`);
  await h.settle();
  return result.proposal.id;
}

export interface ButtonCase {
  readonly name: string;
  readonly prefix: string;
  readonly minRole: Role;
  /** The alert toast a role below `minRole` gets. */
  readonly refusal: string;
  /** Makes the thing the button names real first (a proposal, a backfill, an alert); returns the payload. */
  readonly payload: (h: TestBot) => Promise<string>;
}

const roleOf = (prefix: string): Role => {
  const button = BUTTONS.find((b) => b.prefix === prefix);
  if (button === undefined) throw new Error(`no button family ${prefix}`);
  return button.minRole;
};

/** A family whose payload names one thing, refused by the registry with the role needed. */
const family = (prefix: string, name: string, payload: ButtonCase['payload']): ButtonCase => ({
  name,
  prefix,
  minRole: roleOf(prefix),
  refusal: `This needs the ${roleOf(prefix)} role.`,
  payload,
});

export const BUTTON_CASES: readonly ButtonCase[] = [
  // A shortcut to every command, forged or not: each gets the command's own role check.
  ...COMMANDS.map((c) => ({
    name: `nav → /${c.name}`,
    prefix: NAV_PREFIX,
    minRole: strongest(roleOf(NAV_PREFIX), c.minRole),
    refusal: `This needs the ${strongest(roleOf(NAV_PREFIX), c.minRole)} role.`,
    payload: async () => c.name,
  })),
  family(APPROVE_PREFIX, 'approve', pendingProposal),
  family(REJECT_PREFIX, 'reject', pendingProposal),
  family(DETAILS_PREFIX, 'details', pendingProposal),
  family(BACKFILL_CANCEL_PREFIX, 'backfill cancel', async (h) => {
    const started = h.engine.market.startBackfill({ venue: 'sim', symbols: ['BTC/USDT'], timeframes: ['1h'], days: 2 });
    if (started.kind !== 'started') throw new Error(`backfill not started: ${started.kind}`);
    // Tracked, so the test can settle it before the press: the store must hold still for
    // the refused cases. Canceling a running one is tested in the backfill chat tests.
    h.tasks.run('role matrix backfill', () => started.handle.done);
    return started.handle.job.id;
  }),
  family(BACKFILL_CONFIRM_PREFIX, 'backfill confirm', async (h) => {
    // A request waiting for its yes, as a big /backfill or the step-by-step one leaves it.
    const asked = await h.engine.market.prepareBackfill({ venue: 'sim', symbols: ['BTC/USDT'], timeframes: ['1h'], days: 2 }, { ask: 'always' });
    if (asked.kind !== 'confirm') throw new Error(`backfill not asked: ${asked.kind}`);
    return asked.job.id;
  }),
  family(CHANGE_THRESHOLD_PREFIX, 'change a threshold', async () => 'paper'),
  family(APPLY_SUGGESTION_PREFIX, 'apply a suggestion', async () => 'paper:minConfidence:0.7'),
  family(ACK_PREFIX, 'acknowledge', async (h) => {
    await h.alerts.raise({ severity: 'CRITICAL', type: 'role_matrix', title: 'A CRITICAL alert to acknowledge' });
    return 'alert-1';
  }),
];
