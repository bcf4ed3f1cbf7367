import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface MainProcess {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** The JSON log lines written so far (polling and webhook modes log JSON). */
  logLines: () => Record<string, unknown>[];
  /** The process ended and its output closed (a child it left behind keeps that open). */
  exited: Promise<number | null>;
  /** The process itself ended, whatever became of its children. */
  exit: Promise<number | null>;
}

/** Starts the real entry point (`src/main.ts`) with the given environment. */
export function spawnMain(env: Record<string, string>): MainProcess {
  return track(spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: baseEnv(env), stdio: 'pipe' }));
}

/**
 * Starts the bot the way an operator does, with `npm start`. The child is npm; npm's own
 * child is the bot's node process (its pid is in the bot's first debug line, `starting`).
 */
export function spawnNpmStart(env: Record<string, string>): MainProcess {
  // No update check: it would reach for the network, and its notice would clutter the output.
  return track(spawn('npm', ['start'], { cwd: ROOT, env: baseEnv({ npm_config_update_notifier: 'false', ...env }), stdio: 'pipe' }));
}

function baseEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
}

function track(child: ChildProcessWithoutNullStreams): MainProcess {
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, logLines: () => parseLogLines(output), exited, exit };
}

function parseLogLines(output: string): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A line still being written; the next read has it whole.
    }
  }
  return lines;
}
