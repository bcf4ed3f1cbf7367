import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/handlers/command-registry.js';
import { hasRole, type Role } from '../../src/roles.js';
import { sentTexts } from '../helpers/record-api.js';
import { APPROVER, OWNER, STRANGER, VIEWER, createTestBot } from '../helpers/test-bot.js';
import { callbackUpdate, textUpdate } from '../helpers/updates.js';

const PEOPLE: [string, number, Role | undefined][] = [
  ['owner', OWNER, 'owner'],
  ['approver', APPROVER, 'approver'],
  ['viewer', VIEWER, 'viewer'],
  ['stranger', STRANGER, undefined],
];

describe('auth: every command against every role', () => {
  const cases = COMMANDS.flatMap((command) => PEOPLE.map(([who, id, role]) => ({ command, who, id, role })));

  it.each(cases)('/$command.name from $who', async ({ command, id, role }) => {
    const { bot, calls, logLines } = createTestBot();
    await bot.handleUpdate(textUpdate(id, `/${command.name}`));
    const texts = sentTexts(calls);

    if (role === undefined) {
      expect(texts, 'a stranger gets one short refusal and no data').toHaveLength(1);
      expect(texts[0]).toMatch(/^Not authorized\./);
      expect(calls.filter((c) => c.method !== 'sendMessage'), 'and nothing else happens').toEqual([]);
      expect(logLines.some((l) => l.includes('"level":40') && l.includes(`"user_id":${STRANGER}`)), 'logged at warn with the id').toBe(true);
    } else if (hasRole(role, command.minRole)) {
      expect(texts.length, 'an allowed user gets an answer').toBeGreaterThan(0);
      expect(texts.join('\n')).not.toMatch(/needs the .* role|Not authorized/);
    } else {
      expect(texts, 'a refusal that names the role needed').toEqual([`/${command.name} needs the ${command.minRole} role; you are ${role}.`]);
    }
  });

  it('answers a stranger at most once per cooldown, and never with data', async () => {
    const { bot, calls } = createTestBot();
    for (const command of COMMANDS) await bot.handleUpdate(textUpdate(STRANGER, `/${command.name}`));
    await bot.handleUpdate(textUpdate(STRANGER, 'hello'));
    expect(sentTexts(calls), 'one refusal for many commands').toHaveLength(1);
  });

  it('drops a stranger’s plain messages and button presses silently', async () => {
    const { bot, calls } = createTestBot();
    await bot.handleUpdate(textUpdate(STRANGER, 'hello'));
    await bot.handleUpdate(callbackUpdate(STRANGER, 'nav:status'));
    await bot.handleUpdate(callbackUpdate(STRANGER, 'nav:users'));
    expect(calls, 'no answer at all, not even to the button').toEqual([]);
  });
});

describe('auth: buttons', () => {
  it.each(PEOPLE.filter(([, , role]) => role !== undefined))('lets the %s press a viewer button', async (_who, id) => {
    const { bot, calls } = createTestBot();
    await bot.handleUpdate(callbackUpdate(id, 'nav:status'));
    expect(calls[0]?.method, 'the button is answered first').toBe('answerCallbackQuery');
    expect(sentTexts(calls)[0]).toContain('Status');
  });

  it('refuses a shortcut to a command above the role with an alert and no data', async () => {
    const { bot, calls } = createTestBot();
    await bot.handleUpdate(callbackUpdate(VIEWER, 'nav:users'));
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(calls[0]?.payload.show_alert, 'an alert toast').toBe(true);
  });

  it('answers unknown or malformed callback data without acting on it', async () => {
    const { bot, calls } = createTestBot();
    for (const data of ['zzz:1', 'nocolon', ':x', 'nav:', 'x'.repeat(64)]) await bot.handleUpdate(callbackUpdate(OWNER, data));
    expect(calls.every((c) => c.method === 'answerCallbackQuery'), 'only the spinner is stopped').toBe(true);
    expect(sentTexts(calls)).toEqual([]);
  });
});

describe('auth: TELEGRAM_CHAT_ID', () => {
  const GROUP = -1001234567890;

  it('serves the configured chat and drops every other one, even for the owner', async () => {
    const { bot, calls } = createTestBot({ TELEGRAM_CHAT_ID: String(GROUP) });
    await bot.handleUpdate(textUpdate(OWNER, '/status'));
    await bot.handleUpdate(callbackUpdate(OWNER, 'nav:status'));
    expect(calls, 'the private chat is not the bot’s chat').toEqual([]);
    await bot.handleUpdate(textUpdate(OWNER, '/status', GROUP));
    expect(sentTexts(calls)[0], 'the group gets its answer').toContain('Status');
    await bot.handleUpdate(textUpdate(STRANGER, '/status', GROUP));
    expect(sentTexts(calls)[1], 'a stranger in the group is still refused').toMatch(/^Not authorized/);
  });
});
