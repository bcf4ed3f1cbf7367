import type { ApiCall } from '../../helpers/record-api.js';
import { APPROVER, createTestBot, type TestBot } from '../../helpers/test-bot.js';

/** A test bot spoken to as an approver, who may backfill. */
export const createMarketBot = () => createTestBot({}, { user: APPROVER });

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
export function backfillOf(h: TestBot) {
  const job = Object.values(h.document.data.backfills).at(-1);
  if (job === undefined) throw new Error('no backfill was started');
  // The outbox keeps the message current under the job's slot.
  const ref = Object.values(h.document.data.outbox.slots).find((slot) => slot.slot === `backfill:${job.id}`);
  const edits = h.calls.filter((c) => c.method === 'editMessageText' && c.payload.chat_id === ref?.chatId && c.payload.message_id === ref?.messageId);
  return {
    job,
    edits,
    /** Edits that still offer Cancel: progress, not the report. */
    progress: edits.filter((c) => buttonsOf(c).length > 0),
    final: edits.at(-1),
  };
}
