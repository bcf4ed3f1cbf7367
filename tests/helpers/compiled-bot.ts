import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../../scripts/bundle-options.js';

const ROOT = new URL('../../', import.meta.url).pathname;
let built: Promise<string> | undefined;

/**
 * The bot compiled as `npm run build` bundles it, once per test worker. The type check is
 * `npm test`'s own first step, so only esbuild runs here. The bundle sits inside
 * node_modules/.cache so its imports of packages resolve as dist/'s do.
 */
export function compiledMain(): Promise<string> {
  built ??= (async () => {
    const outdir = path.join(ROOT, 'node_modules', '.cache', `countersign-test-build-${process.pid}`);
    mkdirSync(outdir, { recursive: true });
    await build({
      absWorkingDir: ROOT,
      entryPoints: ['src/main.ts'],
      outdir,
      ...bundleOptions,
      logLevel: 'warning',
    });
    return path.join(outdir, 'main.js');
  })();
  return built;
}

export interface BotProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** Starts the compiled bot with exactly this environment (plus PATH and HOME). */
export async function spawnCompiledBot(env: Record<string, string>): Promise<BotProcess> {
  const main = await compiledMain();
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  const child = spawn(process.execPath, [main], { cwd: ROOT, env: { ...base, ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
