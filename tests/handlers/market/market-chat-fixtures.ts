import type { ApiCall } from '../../helpers/record-api.js';
import type { createTestBot } from '../../helpers/test-bot.js';

/**
 * What the simulated venue does before handing out each page in a chat test: the test
 * file mocks createSimulatedBarSource so every page passes through `simPages.before`
 * (wait at a door, move the clock), and resets it after each test.
 */
export const simPages: { before: (() => Promise<void> | void) | undefined } = { before: undefined };

export type Harness = ReturnType<typeof createTestBot>;

/** A door the venue waits at before every page, until the test opens it. */
export function createDoor() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { wait: () => opened, open: () => open() };
}

export interface Button {
  text: string;
  callback_data: string;
}

export const buttonsOf = (call: ApiCall | undefined): Button[] =>
  ((call?.payload.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

/** The job a chat started, and the edits of its progress message (in order). */
export function backfillOf(h: Harness) {
  const job = Object.values(h.document.data.backfills).at(-1);
  if (job === undefined) throw new Error('no backfill was started');
  const ref = job.progressMessage;
  const edits = h.calls.filter((c) => c.method === 'editMessageText' && c.payload.chat_id === ref?.chatId && c.payload.message_id === ref?.messageId);
  return {
    job,
    edits,
    /** Edits that still offer Cancel: progress, not the report. */
    progress: edits.filter((c) => buttonsOf(c).length > 0),
    final: edits.at(-1),
  };
}
