import type { BuildOptions } from 'esbuild';

/** See bundle-options.js: how the bot is bundled, for the build and the tests alike. */
export declare const bundleOptions: BuildOptions;
