// @ts-check
/**
 * How the bot is bundled, shared by `npm run build` (scripts/build.js) and the tests that
 * start the compiled bot (tests/helpers/compiled-bot.ts), so both run the same code.
 */
import { createRequire } from 'node:module';

/**
 * The CommonJS packages the bot loads before it is ready are loaded with require, not
 * import. Node 20 imports a CommonJS module by first scanning its source, and that of every
 * module it re-exports, for the names it exports (cjs-module-lexer); grammY re-exports most
 * of its files, and importing it takes some 15 ms longer than requiring it. An import of
 * one of these becomes a small module that requires the package and exports what an import
 * would: `module.exports` as the default, and each of its own keys by name, read when it
 * loads. The file and the module instance are the ones an import would load.
 */
const REQUIRED_PACKAGES = ['grammy', '@grammyjs/auto-retry', 'pino'];

/** @type {import('esbuild').Plugin} */
const requireCommonJs = {
  name: 'require-commonjs',
  setup(build) {
    const load = createRequire(import.meta.url);
    build.onResolve({ filter: /^[^./]/ }, ({ path, kind }) => (kind === 'import-statement' && REQUIRED_PACKAGES.includes(path) ? { path, namespace: 'require-commonjs' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'require-commonjs' }, ({ path }) => {
      const names = Object.keys(load(path)).filter((name) => name !== 'default');
      const contents = [
        "import { createRequire } from 'node:module';",
        `const required = createRequire(import.meta.url)(${JSON.stringify(path)});`,
        'export default required;',
        ...names.map((name) => `export const ${name} = required.${name};`),
      ].join('\n');
      return { contents, loader: 'js' };
    });
  },
};

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
  // requireCommonJs first: bundleZod leaves every package it does not bundle external.
  plugins: [requireCommonJs, bundleZod],
  // Error classes name themselves from new.target.name; bundling must not rename them.
  keepNames: true,
};
