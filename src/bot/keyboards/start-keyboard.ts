import { InlineKeyboard } from 'grammy';
import { encodeCallbackData } from '../callback-data.js';

export const NAV_PREFIX = 'nav';

/** Shortcuts under /start: each button runs the command of the same name. */
export function startKeyboard(): InlineKeyboard {
  return new InlineKeyboard()
    .text('Help', encodeCallbackData(NAV_PREFIX, 'help'))
    .text('Status', encodeCallbackData(NAV_PREFIX, 'status'));
}
