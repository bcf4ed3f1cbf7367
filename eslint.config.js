// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // Only the repositories in src/store touch lowdb and db.data.
    files: ['src/**/*.ts', 'schedules/**/*.ts'],
    ignores: ['src/store/**', 'src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['lowdb', 'lowdb/*'], message: 'Use a repository from src/store.' }] }],
    },
  },
  {
    // The engine stays framework-free: no Telegram, storage, scheduling or HTTP in it.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['grammy', 'grammy/*', '@grammyjs/*'], message: 'The engine never talks to Telegram.' },
          { group: ['lowdb', 'lowdb/*', '**/store/**'], message: 'The engine reaches storage through ports.' },
          { group: ['node-schedule'], message: 'Schedules live in schedules/.' },
          { group: ['node:http', 'node:https', 'http', 'https'], message: 'HTTP lives at the edge.' },
        ],
      }],
    },
  },
);
