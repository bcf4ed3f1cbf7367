// @ts-check
/**
 * `npm run build`: type-checks, then bundles src/ into dist/src/main.js (and the backfill
 * CLI) with esbuild. On Node 20 every ES module costs its own resolve, read and compile,
 * and the bot's ~250 small modules made up most of its start-up; one bundle starts in
 * well under half the time (see README, Figures). Packages stay external, imported from
 * node_modules as before, but for zod (see bundle-options.js).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.js';

const ROOT = new URL('../', import.meta.url).pathname;

execFileSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json', '--noEmit'], { cwd: ROOT, stdio: 'inherit' });
// Chunk names carry a content hash: old ones would pile up.
rmSync(`${ROOT}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: ['src/main.ts', 'src/cli/backfill.ts'],
  outbase: 'src',
  outdir: 'dist/src',
  ...bundleOptions,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
});
