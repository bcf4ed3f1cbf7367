import { createInterface } from 'node:readline/promises';

/**
 * Asks on the terminal; only "y" or "yes" is a yes, so Enter alone, Ctrl-D or anything
 * else leaves the big job unstarted.
 */
export async function askYesNo(question: string, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }): Promise<boolean> {
  const rl = createInterface({ input: io.input, output: io.output });
  try {
    const answer = await Promise.race([rl.question(`${question} [y/N] `), new Promise<string>((resolve) => rl.once('close', () => resolve('')))]);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
