import { readFileSync } from 'node:fs';

/** A venue bar payload from tests/fixtures/<folder>/<name>.json, parsed fresh on every call. */
export function loadBarFixture<T = unknown>(folder: 'alpaca-bars' | 'binance-klines', name: string): T {
  const url = new URL(`../../fixtures/${folder}/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}
