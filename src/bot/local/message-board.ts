import type { InlineKeyboardButton, Message } from 'grammy/types';

/** A bot message on the local chat's screen, numbered in the order it first appeared. */
export interface BoardEntry {
  /** `#3`: what the person types to reach it; not Telegram's message id. */
  readonly number: number;
  readonly message: Message;
  readonly buttons: readonly InlineKeyboardButton[];
  /** Its text as shown, to draw it again when only its buttons change. */
  readonly text: string;
  /** The start of its text, to say which message a press went to. */
  readonly title: string;
}

export type BoardLookup =
  | { readonly kind: 'found'; readonly entry: BoardEntry; readonly button: InlineKeyboardButton }
  | { readonly kind: 'problem'; readonly problem: string };

const TITLE_LENGTH = 80;

/**
 * Every bot message of this session by its screen number, with the buttons it has now,
 * so the buttons of any message still on screen can be pressed: `#3.1` is button 1 of
 * message 3, and `#1` button 1 of the newest message that still has buttons.
 */
export function createMessageBoard() {
  const byNumber = new Map<number, BoardEntry>();
  const numberOf = new Map<number, number>();
  let next = 1;

  function record(message: Message, buttons: readonly InlineKeyboardButton[] | undefined, text: string | undefined): BoardEntry {
    const known = numberOf.get(message.message_id);
    const previous = known === undefined ? undefined : byNumber.get(known);
    const number = known ?? next++;
    const entry: BoardEntry = {
      number,
      message: previous === undefined || text !== undefined ? message : previous.message,
      buttons: buttons ?? previous?.buttons ?? [],
      text: text ?? previous?.text ?? '',
      title: text === undefined ? (previous?.title ?? '') : toTitle(text),
    };
    byNumber.set(number, entry);
    numberOf.set(message.message_id, number);
    return entry;
  }

  return {
    /** A message sent or edited; buttons undefined leaves them as they were (a caption edit). */
    record,
    /** The entry of a Telegram message id, if it appeared in this session. */
    find: (messageId: number): BoardEntry | undefined => byNumber.get(numberOf.get(messageId) ?? -1),
    forget(messageId: number): void {
      const number = numberOf.get(messageId);
      if (number !== undefined) byNumber.delete(number);
    },
    /** Button `index` (from 1) of message `number`, or of the newest message with buttons. */
    lookup(index: number, number?: number): BoardLookup {
      const entry = number === undefined ? newestWithButtons() : byNumber.get(number);
      if (entry === undefined) return { kind: 'problem', problem: number === undefined ? 'no message has buttons now' : `there is no message #${number}` };
      const button = entry.buttons[index - 1];
      if (button === undefined) {
        const has = entry.buttons.length === 0 ? 'no buttons now' : `${entry.buttons.length} button${entry.buttons.length === 1 ? '' : 's'}`;
        return { kind: 'problem', problem: `no button ${index} on message #${entry.number}: it has ${has}` };
      }
      return { kind: 'found', entry, button };
    },
    /** Messages that still have buttons, newest first. */
    withButtons: (): BoardEntry[] => [...byNumber.values()].filter((e) => e.buttons.length > 0).sort((a, b) => b.number - a.number),
  };

  function newestWithButtons(): BoardEntry | undefined {
    let newest: BoardEntry | undefined;
    for (const entry of byNumber.values()) if (entry.buttons.length > 0 && (newest === undefined || entry.number > newest.number)) newest = entry;
    return newest;
  }
}

export type MessageBoard = ReturnType<typeof createMessageBoard>;

function toTitle(text: string): string {
  const flat = text.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' · ');
  return flat.length <= TITLE_LENGTH ? flat : `${flat.slice(0, TITLE_LENGTH - 1)}…`;
}
