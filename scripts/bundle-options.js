// @ts-check
/**
 * How the bot is bundled, shared by `npm run build` (scripts/build.js) and the tests that
 * start the compiled bot (tests/helpers/compiled-bot.ts), so both run the same code.
 */

/**
 * zod is bundled; every other package stays external, imported from node_modules as
 * `packages: 'external'` would leave it. Imported from node_modules, `zod` loads some 100
 * modules, every locale among them: about 30 ms of each start. Bundled, only what the
 * `import * as z` uses is kept. The Anthropic SDK's zod helper still loads the package's
 * copy; zod keeps its registry and config on globalThis and checks `instanceof` by trait,
 * so the two copies work on each other's schemas.
 * @type {import('esbuild').Plugin}
 */
const bundleZod = {
  name: 'bundle-zod',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => (path === 'zod' || path.startsWith('zod/') ? undefined : { path, external: true }));
  },
};

/** @type {import('esbuild').BuildOptions} */
export const bundleOptions = {
  bundle: true,
  // Each dynamic import() becomes a chunk of its own, so what loads on first use
  // (charts, venue SDKs, strategies) still does.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [bundleZod],
  // Error classes name themselves from new.target.name; bundling must not rename them.
  keepNames: true,
};
