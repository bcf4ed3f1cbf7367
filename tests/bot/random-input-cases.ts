import fc from 'fast-check';
import { effectOf, findSubcommand, type CommandDefinition } from '../../src/bot/command.js';
import { NAV_PREFIX } from '../../src/bot/keyboards/start-keyboard.js';
import { BUTTONS, COMMANDS } from '../../src/handlers/command-registry.js';
import { ROLES, hasRole, type Role } from '../../src/roles.js';
import { PEOPLE } from './role-matrix-cases.js';

/** Words the parsers know, so random lines come near valid ones; and words that break things. */
const KNOWN = ['sim', 'paper', 'alpaca', 'watchlist', 'BTC/USDT', 'ETH/USDT', 'AAPL', 'FOO/USDT', '1m', '1h', '1d', '2h', '7d', 'today', 'buy', 'sell', 'market', 'limit', '@paper', '@nosuch', 'add', 'remove', 'list', 'quiet', 'off', 'on', 'silent', 'job_stale', 'all', 'HALT', 'cancel'];
const NASTY = ['0', '-1', '1e309', 'NaN', '3650', '3651', '0.0000001', '$0.0000001', '<b>', '&amp;', '"', "'", '\\', '%s', '${x}', '__proto__', 'constructor', '‽', '😀', 'ﷺ', '\u200b', '\u0000', 'a'.repeat(300)];

/** A first word no parser takes: no symbol, venue, number, keyword or sub-command starts with it. */
export const JUNK_MARK = '¤';

const word = fc.oneof(fc.constantFrom(...KNOWN), fc.constantFrom(...NASTY), fc.string({ maxLength: 12, unit: 'grapheme' }), fc.integer({ min: -10, max: 100_000 }).map(String));
const words = fc.array(word, { maxLength: 6 }).map((w) => w.join(' '));

export type RandomInput =
  | { readonly kind: 'command'; readonly name: string; readonly text: string; readonly args: string; readonly mine: boolean; readonly junk: boolean }
  | { readonly kind: 'button'; readonly data: string };

/** `/name args`, the name in any case, sometimes addressed to this bot or to another one. */
const commandInput = fc
  .record({
    command: fc.constantFrom(...COMMANDS),
    upper: fc.boolean(),
    mention: fc.constantFrom('', '', '@countersign_test_bot', '@other_bot'),
    junk: fc.boolean(),
    sub: fc.option(fc.nat()),
    args: words,
  })
  .map(({ command, upper, mention, junk, sub, args }): RandomInput => {
    // Junk arguments start with a word no parser accepts, after a real sub-command or not.
    const subs = command.subcommands ?? [];
    const subName = sub === null || subs.length === 0 ? undefined : subs[sub % subs.length]?.name;
    const line = junk ? [subName, `${JUNK_MARK}${args.replace(/^\s+/, '')}`].filter((p) => p !== undefined).join(' ') : args;
    const name = upper ? command.name.toUpperCase() : command.name;
    const text = `/${name}${mention} ${line}`;
    return { kind: 'command', name: command.name, text, args: line.trim(), mine: mention !== '@other_bot', junk };
  });

/** Callback data of every family with random payloads (command names too, for the /start shortcuts), and data of no family. */
const buttonInput = fc
  .oneof(
    // `cv` is a conversation's choice, pressed here with no conversation waiting.
    fc.tuple(fc.constantFrom(...BUTTONS.map((b) => b.prefix), 'cv'), fc.oneof(word, fc.constantFrom(...COMMANDS.map((c) => c.name)))).map(([prefix, payload]) => `${prefix}:${payload}`),
    fc.string({ maxLength: 64 }),
  )
  .map((data): RandomInput => ({ kind: 'button', data }));

export const randomInput = fc.oneof({ weight: 3, arbitrary: commandInput }, { weight: 2, arbitrary: buttonInput });
export const person = fc.constantFrom(...PEOPLE);

const strongest = (a: Role, b: Role): Role => (ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b);

/**
 * Whether this input, from this role, may change the store: only a command or shortcut the
 * role is allowed, whose effect is `write` (the registry's own declaration), with
 * arguments that could be valid. Everything else is refused or only reads, and must leave
 * the store as it was. Commands without arguments (/pause, /resume, /halt) ignore them, so
 * junk after them changes nothing about what they do.
 */
export function mayChangeState(input: RandomInput, role: Role | undefined): boolean {
  if (role === undefined) return false;
  if (input.kind === 'command') {
    const { args } = input;
    const command = COMMANDS.find((c) => c.name === input.name) as CommandDefinition;
    if (!input.mine) return false;
    const required = strongest(command.minRole, findSubcommand(command, args)?.minRole ?? command.minRole);
    if (!hasRole(role, required) || effectOf(command, args) === 'read') return false;
    return !(input.junk && command.usage !== undefined);
  }
  const colon = input.data.indexOf(':');
  const prefix = input.data.slice(0, colon);
  const payload = input.data.slice(colon + 1);
  const button = colon > 0 ? BUTTONS.find((b) => b.prefix === prefix) : undefined;
  if (button === undefined || prefix !== NAV_PREFIX) return false;
  // Other families name a proposal, job or alert by id: a random payload names none.
  const command = COMMANDS.find((c) => c.name === payload);
  return command !== undefined && hasRole(role, strongest(button.minRole, command.minRole)) && effectOf(command, '') === 'write';
}
