// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import boundaries of the architecture (README, "Layout"). ESLint keeps one option set per
// rule and file, so each block below lists every restriction that applies to its files.

/** Only src/store touches lowdb. */
const LOWDB = { group: ['lowdb', 'lowdb/*'], message: 'Only src/store touches lowdb: use a repository.' };

/** Reading a file is fine anywhere (.env, package.json); writing data is the store's job. */
const READ_ONLY_FS = ['existsSync', 'readFileSync', 'readFile', 'statSync', 'stat', 'readdirSync', 'readdir', 'createReadStream', 'constants'];
const FS_WRITES = ['node:fs', 'fs', 'node:fs/promises', 'fs/promises'].map((name) => ({
  name,
  allowImportNames: READ_ONLY_FS,
  message: 'Only src/store writes files: go through a repository or a port.',
}));

/** src/ folders by what they are; a pattern matches an import path that goes into them. */
const into = (...folders) => folders.map((folder) => `**/${folder}/**`);
const TELEGRAM_SIDE = { group: into('bot', 'handlers'), message: 'Telegram lives in src/bot and src/handlers; raise an engine event or take a port instead.' };
const SCHEDULES = { group: ['**/schedules/**'], message: 'Only the composition root wires schedules/; src/jobs defines what a job is.' };

const ENGINE = [
  LOWDB,
  { group: ['grammy', 'grammy/*', '@grammyjs/*'], message: 'The engine never talks to Telegram.' },
  { group: ['node-schedule'], message: 'Schedules live in schedules/ and src/jobs.' },
  { group: ['node:http', 'node:https', 'http', 'https', 'node:fs', 'node:fs/*', 'fs', 'fs/*'], message: 'HTTP and files live at the edge, behind ports.' },
  { group: ['pino', 'pino-*'], message: 'The engine reports through events and return values, not a logger.' },
  {
    group: into('bot', 'handlers', 'store', 'server', 'jobs', 'alerts', 'outbound', 'cli', 'schedules'),
    message: 'The engine is the core: outer layers import it, never the other way round. Add a port in engine/ports/.',
  },
  {
    // The root files but errors.ts: the composition root and the process build the engine,
    // so it cannot need them, and roles and version are the bot's business.
    regex: String.raw`^(\.\./)+(app|main|config|config-variables|accounts-config|logger|roles|version|create-trading-engine|create-account-runtimes|create-market-runtime)\.js$`,
    message: 'The engine takes what it needs as arguments from the composition root, not from config or app.',
  },
];

const restrict = (patterns, paths = FS_WRITES) => ({ 'no-restricted-imports': ['error', { patterns, paths }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Everywhere outside the store: no lowdb, no file writes.
    files: ['src/**/*.ts', 'schedules/**/*.ts'],
    ignores: ['src/store/**'],
    rules: restrict([LOWDB]),
  },
  {
    // Local mode keeps the photos and files the chat "sends" under DATA_DIR/outbox-files:
    // a transport's output, not state.
    files: ['src/bot/local/local-bot-api.ts'],
    rules: restrict([LOWDB], []),
  },
  {
    // src/bot is the Telegram side; the command families in src/handlers plug into it
    // through the registry the composition root passes to createBot.
    files: ['src/bot/**/*.ts'],
    ignores: ['src/bot/create-bot.ts', 'src/bot/local/local-bot-api.ts'],
    rules: restrict([LOWDB, { group: into('handlers'), message: 'src/bot does not depend on the command families; createBot gets them from the composition root.' }]),
  },
  {
    // Alerts, resilience, the outbox and what is known of signals serve the engine and the bot alike.
    files: ['src/alerts/**/*.ts', 'src/resilience/**/*.ts', 'src/outbox/**/*.ts', 'src/signals/**/*.ts'],
    rules: restrict([LOWDB, TELEGRAM_SIDE]),
  },
  {
    // schedules/ imports src/jobs, not the other way round.
    files: ['src/jobs/**/*.ts'],
    rules: restrict([LOWDB, TELEGRAM_SIDE, SCHEDULES]),
  },
  {
    // The engine stays framework-free: no Telegram, storage, scheduling, HTTP or files.
    files: ['src/engine/**/*.ts'],
    rules: {
      ...restrict(ENGINE, []),
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'The engine loads nothing itself: the composition root passes a loader in.' }],
    },
  },
);
