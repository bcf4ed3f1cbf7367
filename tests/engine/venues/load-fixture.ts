import { readFileSync } from 'node:fs';

/** A recorded venue payload from tests/fixtures/<venue>/<name>.json, parsed fresh on every call. */
export function loadFixture<T = unknown>(venue: 'alpaca' | 'binance', name: string): T {
  const url = new URL(`../../fixtures/${venue}/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}
