import type { TaskTracker } from '../../engine/tasks/task-tracker.js';
import type { Research } from '../../engine/research/create-research.js';
import type { ResearchRunReport } from '../../engine/research/run-research.js';
import type { Logger } from '../../logger.js';
import type { MessageOutbox } from '../../outbox/create-message-outbox.js';
import type { OutboxContent } from '../../outbox/outbox-message.js';
import { badge } from '../messages/badge.js';
import { html } from '../messages/html.js';
import { toOutboxContent } from '../outbox/to-outbox-content.js';
import { researchReportMarkdown } from './research-report-markdown.js';
import { researchDoneMessage, researchResultText, researchStatusMessage } from './research-status-message.js';
import { researchAtOpenMessage, researchSummaryMessage } from './research-summary-message.js';

export interface ResearchDeskDeps {
  readonly research: Research;
  /** Summaries, reports and status edits: all through the durable outbox. */
  readonly outbox: Pick<MessageOutbox, 'send' | 'edit'>;
  readonly reports: { write(name: string, markdown: string): Promise<string> };
  /** Where scheduled runs report: the group, or each approver's private chat. */
  readonly approverChats: readonly number[];
  /** "typing…" in a chat; Telegram shows it for 5 s. */
  readonly typing: (chatId: number) => Promise<unknown>;
  readonly tasks: TaskTracker;
  readonly clock: () => Date;
  readonly logger: Pick<Logger, 'error'>;
}

export interface ChatRunRequest {
  readonly chatId: number;
  /** The outbox slot of the status line the command answered with. */
  readonly statusSlot: string;
  readonly accountIds: readonly string[];
  readonly symbols?: readonly string[];
  readonly by: number;
}

const TYPING_EVERY_MS = 4_500;
/** After the open, so the venue's first quotes are in. */
const AFTER_OPEN_MS = 30_000;
export const researchStatusSlot = (chatId: number, at: Date) => `research:${chatId}:${at.getTime().toString(36)}`;

/**
 * The chat's side of research: runs in the background (never inside an update handler),
 * keeps "typing…" and the status line going while one runs, and delivers each run's
 * summary and full Markdown report through the outbox.
 */
export function createResearchDesk(deps: ResearchDeskDeps) {
  const { research } = deps;
  const waiting = createOpenTimer(deps);

  async function deliver(report: ResearchRunReport, chats: readonly number[]): Promise<void> {
    const costs = await research.costs();
    const summary = toOutboxContent(researchSummaryMessage(report, { spentTodayUsd: costs.spentTodayUsd, budgetUsd: costs.budgetUsd }));
    const run = report.run;
    const day = run.startedAt.slice(0, 10);
    const path = await deps.reports.write(`${day}-${run.accountId}-${run.id}`, researchReportMarkdown(report));
    const caption = html`${badge(run.live ? 'live' : 'paper')} · Full research report for ${run.accountId} (Markdown)`;
    const document: OutboxContent = { ...toOutboxContent(caption), document: { path, fileName: `research-${run.accountId}-${day}.md` } };
    for (const chat of chats) {
      await deps.outbox.send(chat, summary);
      await deps.outbox.send(chat, document);
    }
  }

  /** One account after another; a run that fails unexpectedly is logged and the next one still runs. */
  async function runAll(accountIds: readonly string[], options: { chats: readonly number[]; trigger: 'manual' | 'schedule'; symbols?: readonly string[]; by?: number; status?: (accountId: string, phase: string, index: number) => Promise<void> }) {
    const reports: ResearchRunReport[] = [];
    for (const [index, accountId] of accountIds.entries()) {
      const onStatus = (phase: string) => void options.status?.(accountId, phase, index).catch(() => undefined);
      try {
        const result = await research.run({ accountId, trigger: options.trigger, onStatus, ...(options.symbols === undefined ? {} : { symbols: options.symbols }), ...(options.by === undefined ? {} : { by: options.by }) });
        if (result.kind === 'done') {
          reports.push(result.report);
          await deliver(result.report, options.chats);
          if (result.report.ideas.some((i) => i.verdict.kind === 'waiting')) await waiting.arm();
        } else if (result.kind === 'busy') onStatus('already running; this request is skipped');
      } catch (error) {
        deps.logger.error({ err: error, account: accountId }, 'research run failed');
        onStatus('failed unexpectedly; the log has the details');
      }
    }
    return reports;
  }

  async function runFromChat(request: ChatRunRequest): Promise<void> {
    const started = deps.clock();
    const live = request.accountIds.some((id) => research.isLive(id));
    void deps.typing(request.chatId).catch(() => undefined);
    const typing = setInterval(() => void deps.typing(request.chatId).catch(() => undefined), TYPING_EVERY_MS);
    try {
      const status = (accountId: string, phase: string, index: number) =>
        deps.outbox.edit(request.statusSlot, toOutboxContent(researchStatusMessage(research.isLive(accountId), accountId, phase, { index: index + 1, of: request.accountIds.length })));
      const reports = await runAll(request.accountIds, { chats: [request.chatId], trigger: 'manual', by: request.by, status, ...(request.symbols === undefined ? {} : { symbols: request.symbols }) });
      if (reports.length > 0) await deps.outbox.edit(request.statusSlot, toOutboxContent(researchDoneMessage(live, reports, deps.clock().getTime() - started.getTime())));
    } finally {
      clearInterval(typing);
    }
  }

  return {
    enabled: research.enabled,
    model: research.model,
    accountsWithMandate: research.accountsWithMandate,
    isLive: research.isLive,
    costs: research.costs,
    stats: research.stats,
    /** For /research: the status line is already sent; the run goes to the background. */
    startFromChat(request: ChatRunRequest): void {
      deps.tasks.run(`research ${request.accountIds.join(',')}`, () => runFromChat(request));
    },
    /** Picks up ideas still waiting for their market to open (after a restart). */
    start: (): void => deps.tasks.run('research ideas waiting for the open', waiting.arm),
    stop: waiting.stop,
    /** The research job: every account with a mandate; summaries go to the approvers. */
    async runScheduled(): Promise<string> {
      const accounts = research.accountsWithMandate();
      if (accounts.length === 0) return 'no account has a research mandate (add "research" to an account in ACCOUNTS)';
      const reports = await runAll(accounts, { chats: deps.approverChats, trigger: 'schedule' });
      return reports.map((r) => `${r.run.accountId}: ${researchResultText(r)}`).join('; ') || 'no run finished';
    },
  };
}

export type ResearchDesk = ReturnType<typeof createResearchDesk>;

/**
 * One timer for the next idea waiting for its market to open: at the open (plus half a
 * minute) those ideas go through the gates again, the approvers hear what came of them,
 * and the timer is set for the next one. Unref'd: it never keeps the process alive.
 */
function createOpenTimer(deps: ResearchDeskDeps) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  async function atOpen(): Promise<void> {
    try {
      const ideas = await deps.research.proposeWaiting();
      for (const accountId of new Set(ideas.map((i) => i.accountId))) {
        const content = toOutboxContent(researchAtOpenMessage(accountId, deps.research.isLive(accountId), ideas.filter((i) => i.accountId === accountId)));
        for (const chat of deps.approverChats) await deps.outbox.send(chat, content);
      }
    } finally {
      // Also after a failure: the ideas still wait, and the next try is half a minute away.
      await arm();
    }
  }
  async function arm(): Promise<void> {
    clearTimeout(timer);
    const at = await deps.research.nextWaitingAt();
    if (stopped || at === undefined) return;
    const delay = Math.min(Math.max(0, at.getTime() - deps.clock().getTime()) + AFTER_OPEN_MS, 2 ** 31 - 1);
    timer = setTimeout(() => deps.tasks.run('research ideas at the open', atOpen), delay);
    timer.unref();
  }
  return {
    arm,
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
