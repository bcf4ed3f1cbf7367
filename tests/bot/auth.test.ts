import { describe, expect, it } from 'vitest';
import { BUTTONS, COMMANDS } from '../../src/handlers/command-registry.js';
import { hasRole } from '../../src/roles.js';
import type { Exchange } from '../helpers/chat-exchange.js';
import { OWNER, STRANGER, VIEWER, createTestBot, type TestBot } from '../helpers/test-bot.js';
import { BUTTON_CASES, COMMAND_CASES, EXAMPLE_LINES, PEOPLE } from './role-matrix-cases.js';

/** What the error boundary says; an answer that contains it is a failure, not an answer. */
const BOUNDARY = /Something went wrong/;

/** Log lines at pino's error level (50) or above. */
const errorLines = (h: TestBot) => h.logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

/** The store as a string: a refused update must leave it as it was. */
const stateOf = (h: TestBot) => JSON.stringify(h.document.data);

/** An allowed update was answered by its handler: no refusal, no failure, nothing logged as an error. */
function expectServed(h: TestBot, reply: Exchange, what: string) {
  expect(reply.calls.length, `${what}: the bot answers`).toBeGreaterThan(0);
  const said = [...reply.texts, ...reply.calls.map((c) => String(c.payload.text ?? ''))].join('\n');
  expect(said, `${what}: the handler did not fail into the error boundary`).not.toMatch(BOUNDARY);
  expect(said, `${what}: not refused`).not.toMatch(/needs the \w+ role|Not authorized|no longer valid/);
  expect(errorLines(h), `${what}: nothing logged at error level`).toEqual([]);
}

describe('roles: every command and sub-command × every role', () => {
  const cases = COMMAND_CASES.flatMap((c) => PEOPLE.map((p) => ({ ...c, ...p })));

  it.each(cases)('$line from $who', async ({ line, what, minRole, id, role }) => {
    const h = createTestBot();
    const before = stateOf(h);
    // Settled: background work a command starts (a scan, a run, an execution) counts too.
    const reply = await h.say(line, id);
    if (role === undefined) {
      expect(reply.texts, 'a stranger gets one short refusal and no data').toEqual([expect.stringMatching(/^Not authorized\. Your user id is 999/)]);
      expect(reply.calls.length, 'and nothing else happens').toBe(1);
      expect(h.logLines.some((l) => l.includes('"level":40') && l.includes(`"user_id":${STRANGER}`)), 'logged at warn with the id').toBe(true);
      expect(stateOf(h), 'nothing changed').toBe(before);
    } else if (hasRole(role, minRole)) {
      expectServed(h, reply, line);
    } else {
      expect(reply.texts, 'a refusal that names what and the role needed').toEqual([`${what} needs the ${minRole} role; you are ${role}.`]);
      expect(reply.calls.length, 'and nothing else').toBe(1);
      expect(stateOf(h), 'nothing changed').toBe(before);
    }
  });

  it('knows every command the examples name', () => {
    expect(Object.keys(EXAMPLE_LINES).filter((name) => !COMMANDS.some((c) => c.name === name)), 'examples of commands that no longer exist').toEqual([]);
  });
});

describe('roles: every button family × every role', () => {
  const cases = BUTTON_CASES.flatMap((c) => PEOPLE.map((p) => ({ ...c, ...p })));

  it('covers every button family of the registry', () => {
    const covered = new Set(BUTTON_CASES.map((c) => c.prefix));
    expect(BUTTONS.map((b) => b.prefix).filter((p) => !covered.has(p)), 'families without a case in role-matrix-cases.ts').toEqual([]);
  });

  it.each(cases)('$name pressed by $who', async ({ prefix, payload, minRole, refusal, id, role }) => {
    const h = createTestBot();
    const data = `${prefix}:${await payload(h)}`;
    // What the payload started (a backfill) is over before the press, so the store is still.
    await h.settle();
    const before = stateOf(h);
    const reply = await h.press(data, id);
    if (role === undefined) {
      expect(reply.calls, 'a stranger’s press is dropped without an answer').toEqual([]);
      expect(stateOf(h), 'nothing changed').toBe(before);
    } else if (hasRole(role, minRole)) {
      expect(reply.calls.map((c) => c.method), 'the button’s spinner is stopped').toContain('answerCallbackQuery');
      expectServed(h, reply, data);
    } else {
      expect(reply.calls.map((c) => c.method), 'only the answer to the button').toEqual(['answerCallbackQuery']);
      expect(reply.calls[0]?.payload, 'an alert toast that says why').toMatchObject({ show_alert: true, text: refusal });
      expect(stateOf(h), 'nothing changed').toBe(before);
    }
  });
});

describe('auth', () => {
  it('answers a stranger at most once per cooldown, and never with data', async () => {
    const h = createTestBot();
    for (const command of COMMANDS) await h.say(`/${command.name}`, STRANGER);
    const last = await h.say('hello', STRANGER);
    expect(last.calls, 'plain text gets nothing').toEqual([]);
    expect(h.calls.map((c) => c.method), 'one refusal for many commands').toEqual(['sendMessage']);
  });

  it('answers unknown or malformed callback data without acting on it', async () => {
    const h = createTestBot();
    for (const data of ['zzz:1', 'nocolon', ':x', 'nav:', 'x'.repeat(64)]) {
      const { calls } = await h.press(data, OWNER);
      expect(calls.map((c) => c.method), `${data}: only the spinner is stopped`).toEqual(['answerCallbackQuery']);
    }
  });

  it('refuses a viewer’s shortcut to an owner command with an alert and no data', async () => {
    const { calls } = await createTestBot().press('nav:users', VIEWER);
    expect(calls.map((c) => c.method), 'only the answer').toEqual(['answerCallbackQuery']);
    expect(calls[0]?.payload, 'an alert toast naming the role of /users').toMatchObject({ show_alert: true, text: 'This needs the owner role.' });
  });

  it('answers a shortcut to no command without running anything', async () => {
    const { calls } = await createTestBot().press('nav:nope', OWNER);
    expect(calls.map((c) => c.payload.text), 'only the answer, saying so').toEqual(['This shortcut is no longer valid.']);
  });
});

describe('auth: TELEGRAM_CHAT_ID', () => {
  const GROUP = -1001234567890;

  it('serves the configured chat and drops every other one, even for the owner', async () => {
    const h = createTestBot({ TELEGRAM_CHAT_ID: String(GROUP) });
    expect((await h.say('/status', OWNER)).calls, 'the private chat is not the bot’s chat').toEqual([]);
    expect((await h.press('nav:status', OWNER)).calls, 'nor are its buttons').toEqual([]);
    expect((await h.say('/status', OWNER, { chat: GROUP })).text, 'the group gets its answer').toContain('Status');
    expect((await h.say('/status', STRANGER, { chat: GROUP })).text, 'a stranger in the group is still refused').toMatch(/^Not authorized/);
  });
});
