import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { createMessageBoard } from '../../../src/bot/local/message-board.js';
import { parseLocalInput } from '../../../src/bot/local/parse-local-input.js';

const message = (id: number) => ({ message_id: id }) as Message;
const buttons = (...labels: string[]) => labels.map((text, i) => ({ text, callback_data: `${text}:${i}` }));

describe('pressing buttons in the local chat', () => {
  it('reaches the buttons of every message still on screen by #M.N, not only the newest', () => {
    const board = createMessageBoard();
    board.record(message(100), buttons('Approve', 'Reject'), '📄 PAPER · Proposal p1\nBUY 0.01 BTC/USDT');
    board.record(message(101), buttons('Approve', 'Reject'), '📄 PAPER · Proposal p2\nBUY 0.5 ETH/USDT');
    const older = board.lookup(1, 1);
    expect(older.kind === 'found' && [older.entry.message.message_id, older.button.text], '#1.1: Approve on the older proposal').toEqual([100, 'Approve']);
    expect(older.kind === 'found' && older.entry.title, 'the press can say which message it went to').toBe('📄 PAPER · Proposal p1 · BUY 0.01 BTC/USDT');
    const newest = board.lookup(2);
    expect(newest.kind === 'found' && [newest.entry.number, newest.button.text], '#2 still means the newest message').toEqual([2, 'Reject']);
  });

  it('keeps a message its number when it is edited, and #N moves to the newest message that still has buttons', () => {
    const board = createMessageBoard();
    board.record(message(100), buttons('Approve'), 'p1');
    board.record(message(101), buttons('Approve'), 'p2');
    const edited = board.record(message(101), [], 'p2 approved');
    expect(edited.number, 'same number after the edit').toBe(2);
    const newest = board.lookup(1);
    expect(newest.kind === 'found' && newest.entry.number, 'the decided one has no buttons: #1 goes to the older proposal').toBe(1);
    board.record(message(100), undefined, undefined);
    expect(board.find(100)?.title, 'a buttons-only edit keeps the text').toBe('p1');
  });

  it('explains a press that cannot go anywhere', () => {
    const board = createMessageBoard();
    expect(board.lookup(1), 'nothing yet').toEqual({ kind: 'problem', problem: 'no message has buttons now' });
    board.record(message(100), buttons('Help', 'Status'), 'hi');
    expect(board.lookup(3, 1), 'too far').toEqual({ kind: 'problem', problem: 'no button 3 on message #1: it has 2 buttons' });
    expect(board.lookup(1, 7), 'unknown message').toEqual({ kind: 'problem', problem: 'there is no message #7' });
  });

  it('reads #N, #M.N, ##text and text', () => {
    expect(parseLocalInput('#2'), 'newest message').toEqual({ kind: 'press', button: 2 });
    expect(parseLocalInput(' #3.1 '), 'message 3, button 1').toEqual({ kind: 'press', button: 1, message: 3 });
    expect(parseLocalInput('##3.1'), 'text that starts with #').toEqual({ kind: 'text', text: '#3.1' });
    expect(parseLocalInput('#3.x'), 'not a press').toEqual({ kind: 'text', text: '#3.x' });
    expect(parseLocalInput('   '), 'nothing').toEqual({ kind: 'empty' });
  });
});
