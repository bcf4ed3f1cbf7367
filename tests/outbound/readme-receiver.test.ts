import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { waitFor } from '../helpers/wait-for.js';
import { createOutboxHarness } from './outbox-harness.js';
import { TEST_WHSEC } from './webhook-receiver.js';

const ROOT = new URL('../../', import.meta.url);

/** The receiver the README tells customers to write, exactly as printed (port aside). */
function readmeReceiver(port: number): string {
  const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
  const code = /The receiver side in Node\.js[^\n]*\n\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (code === undefined || !code.includes('.listen(8000)')) throw new Error('README: the receiver example (listening on 8000) is missing');
  return code.replace('.listen(8000)', `.listen(${port}, '127.0.0.1', () => console.log('listening'))`);
}

const children: ChildProcess[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const child of children.splice(0)) child.kill();
});

async function startReadmeReceiver(secret: string) {
  const port = await freePort();
  // Run from the project root, so `standardwebhooks` resolves as in a customer's project.
  const child = spawn(process.execPath, ['--input-type=module', '-e', readmeReceiver(port)], { cwd: ROOT, env: { ...process.env, COUNTERSIGN_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await waitFor(() => output.includes('listening'), `the README receiver to listen (output so far: ${output})`, 10_000);
  return { url: new URL(`http://127.0.0.1:${port}/`), output: () => output };
}

describe("the README's receiver", () => {
  it('verifies our deliveries with the standardwebhooks library and prints id, type and data', async () => {
    const receiver = await startReadmeReceiver(TEST_WHSEC);
    const harness = createOutboxHarness({ url: receiver.url });
    cleanups.push(harness.close);
    harness.outbox.start();
    await harness.publish();
    await waitFor(() => harness.waiting() === 0 && receiver.output().includes('alert.raised'), 'the delivery');
    expect(harness.alerts, 'accepted: no give-up alert').toEqual([]);
    expect(receiver.output(), 'the id, the type and the data').toMatch(/msg_\S+ alert\.raised \{[\s\S]*title: 'event 1'/);
  });

  it('refuses (401) a delivery signed with another secret, and we drop it with an alert', async () => {
    const receiver = await startReadmeReceiver(`whsec_${Buffer.from('a-different-secret-of-32-bytes!!').toString('base64')}`);
    const harness = createOutboxHarness({ url: receiver.url });
    cleanups.push(harness.close);
    harness.outbox.start();
    await harness.publish();
    await waitFor(() => harness.alerts.length === 1, 'the give-up alert');
    expect(harness.alerts[0]?.body, 'the receiver said 401').toMatch(/refused with 401/);
    expect(receiver.output(), 'nothing printed for a forged event').not.toContain('alert.raised');
  });
});
