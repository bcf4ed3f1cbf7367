import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startApp } from '../../../src/app.js';
import { displayWidth } from '../../../src/bot/local/display-width.js';
import { createConfig } from '../../../src/config.js';
import { createFakeKeyboard, FakeTerminal } from '../../helpers/fake-terminal.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('the local chat on a terminal, with the real bot', () => {
  it('says on one row which message a press went to, however narrow the terminal', async () => {
    const columns = 60;
    const terminal = new FakeTerminal(columns, 30);
    const keyboard = createFakeKeyboard();
    const config = createConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'cs-term-')) });
    const app = await startApp(config, pino({ level: 'silent' }), { input: keyboard, output: terminal, interactive: true });
    try {
      keyboard.write('/start\r');
      await waitFor(() => terminal.lines().some((l) => l.includes('[1.2] Status')), 'the welcome with its buttons', 10_000);
      keyboard.write('#1.2\r');
      await waitFor(() => terminal.lines().some((l) => l.startsWith('bot #2 ›')), 'the status', 10_000);

      const lines = terminal.lines();
      const press = lines.findIndex((l) => l.startsWith('    ↳ [1.2] Status on #1: '));
      expect(press, `the press named under what was typed:\n${lines.join('\n')}`).toBeGreaterThan(0);
      expect(lines[press - 1], 'right under the typed line').toBe('you › #1.2');
      expect(displayWidth(lines[press] as string), 'cut to the width, so it never wraps').toBeLessThanOrEqual(columns);
      expect(lines[press], 'and says it was cut').toMatch(/…$/);
      expect(lines[press + 1], 'the next row is the next message, not the rest of the note').toMatch(/^bot/);
    } finally {
      keyboard.end();
      await app.done;
      await app.stop();
    }
  }, 30_000);
});
