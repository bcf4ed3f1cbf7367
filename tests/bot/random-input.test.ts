import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/index.js';
import { BUTTONS, COMMANDS } from '../../src/handlers/command-registry.js';
import { createTestBot, type TestBot } from '../helpers/test-bot.js';
import { callbackUpdate, textUpdate } from '../helpers/updates.js';
import { JUNK_MARK, mayChangeState, person, randomInput, type RandomInput } from './random-input-cases.js';
import { PEOPLE } from './role-matrix-cases.js';

/** Seeded from TEST_SEED to replay a failure, else fresh; printed either way. */
const SEED = process.env.TEST_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.TEST_SEED);
console.info(`random input: seed ${SEED} (TEST_SEED=${SEED} npx vitest run tests/bot/random-input.test.ts replays it)`);

/**
 * The store as the oracle sees it. The ids of updates that acted are left out: a write
 * command records its update id before its parser runs (so a redelivery never acts twice),
 * which is bookkeeping, not a change of state.
 */
function stateOf(h: TestBot): string {
  const { inbound, ...rest } = h.document.data;
  return JSON.stringify({ document: rest, intents: inbound.intents, history: h.history.entries });
}

const OWNER = PEOPLE.find((p) => p.role === 'owner') as (typeof PEOPLE)[number];
/** Names every plain object answers to through its prototype: never ids of ours. */
const INHERITED_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

const errorLines = (h: TestBot) => h.logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
const describeInput = (input: RandomInput) => (input.kind === 'command' ? JSON.stringify(input.text) : `button ${JSON.stringify(input.data)}`);

/**
 * One random input through a fresh bot (the real middleware: auth, roles, dedupe,
 * conversations, error boundary): it is answered or dropped, nothing is logged as an
 * error, and unless the registry says it may act, the store is left as it was.
 */
async function sendOne(input: RandomInput, who: (typeof PEOPLE)[number], bot: () => TestBot): Promise<void> {
  const h = bot();
  const before = stateOf(h);
  const update = input.kind === 'command' ? textUpdate(who.id, input.text) : callbackUpdate(who.id, input.data);
  const reply = await h.send(update);
  const what = `${describeInput(input)} from ${who.who}`;
  const said = reply.calls.map((c) => String(c.payload.text ?? '')).join('\n');
  expect(said, `${what}: no failure caught by the error boundary`).not.toMatch(/Something went wrong/);
  expect(errorLines(h), `${what}: nothing logged at error level`).toEqual([]);
  const methods = reply.calls.map((c) => c.method);
  if (who.role === undefined) {
    // A command is refused in one message (one for another bot may be left alone); a button is dropped.
    const refused = input.kind === 'command' ? [['sendMessage'], ...(input.mine ? [] : [[]])] : [[]];
    expect(refused, `${what}: a stranger gets one refusal for a command, nothing for a button (got ${methods.join(', ')})`).toContainEqual(methods);
  } else if (input.kind === 'button' || input.mine) {
    expect(methods.length, `${what}: answered`).toBeGreaterThan(0);
  }
  if (!mayChangeState(input, who.role)) expect(stateOf(h), `${what}: refused or read-only, so the store is as it was`).toBe(before);
}

const property = (bot: () => TestBot, inputs = randomInput) => fc.asyncProperty(inputs, person, (input, who) => sendOne(input, who, bot));

describe('random input as every role', () => {
  it('answers or drops every command and button, logs no error, and changes nothing it may not', async () => {
    // Beside the random runs, every command and every button family once for sure, each as another role.
    const examples: [RandomInput, (typeof PEOPLE)[number]][] = [
      ...COMMANDS.map((c, i): [RandomInput, (typeof PEOPLE)[number]] => [{ kind: 'command', name: c.name, text: `/${c.name} ${JUNK_MARK}`, args: JUNK_MARK, mine: true, junk: true }, PEOPLE[i % PEOPLE.length]!]),
      ...BUTTONS.map((b, i): [RandomInput, (typeof PEOPLE)[number]] => [{ kind: 'button', data: `${b.prefix}:x` }, PEOPLE[i % PEOPLE.length]!]),
      // Regression, fixed (seed 1669564197 found "pd:__proto__"): an id named like a member
      // of every object found Object.prototype's member in the store's records. Each family
      // and each command with each such name, from the owner, whom no role check stops.
      ...INHERITED_NAMES.flatMap((name) => [
        ...BUTTONS.map((b): [RandomInput, (typeof PEOPLE)[number]] => [{ kind: 'button', data: `${b.prefix}:${name}` }, OWNER]),
        ...COMMANDS.map((c): [RandomInput, (typeof PEOPLE)[number]] => [{ kind: 'command', name: c.name, text: `/${c.name} ${name}`, args: name, mine: true, junk: false }, OWNER]),
      ]),
    ];
    await fc.assert(property(() => createTestBot()), { seed: SEED, numRuns: 300, examples });
  });

  it('fails when a command that only reads writes to the store (the harness can fail)', async () => {
    // A planted fault: /status, declared read-only, pauses trading as a side effect.
    const faulty = () => createTestBot({}, { engineOverrides: (engine): Partial<Engine> => ({ getStatus: async (...args) => (await engine.pause({ id: 1, name: 'Mallory' }), engine.getStatus(...args)) }) });
    const status = randomInput.filter((input) => input.kind === 'command' && input.name === 'status' && input.mine);
    const result = await fc.check(property(faulty, status), { seed: SEED, numRuns: 50 });
    expect(result.failed, 'the planted write is caught').toBe(true);
    expect(String(result.errorInstance), 'and named: a read-only command changed the store').toMatch(/\/status.*refused or read-only, so the store is as it was/is);
  });
});
