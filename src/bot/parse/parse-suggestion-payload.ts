import type { ThresholdKey } from '../../engine/settings/threshold-settings.js';
import { parseAccount } from './parse-account.js';
import { parseSettingKey } from './parse-set-args.js';
import type { Parsed } from './parsed.js';

export interface SuggestionTarget {
  readonly accountId: string;
  readonly key: ThresholdKey;
  readonly value: number;
}

/** `paper:minConfidence:0.52`: what an Apply… button carries (Telegram allows 64 bytes of callback data). */
export function suggestionPayload(accountId: string, key: ThresholdKey, value: number): string {
  return `${accountId}:${key}:${value}`;
}

/** Read from the right: the value and the setting have no colon, an account id might. */
export function parseSuggestionPayload(payload: string, accounts: readonly string[]): Parsed<SuggestionTarget> {
  const parts = payload.split(':');
  const valueWord = parts.pop();
  const keyWord = parts.pop();
  const accountWord = parts.join(':');
  if (valueWord === undefined || keyWord === undefined || accountWord === '') return { ok: false, error: 'This button does not carry a suggestion.' };
  const account = parseAccount(accountWord, accounts);
  if (!account.ok) return account;
  const key = parseSettingKey(keyWord);
  if (!key.ok) return key;
  const value = Number(valueWord);
  if (valueWord.trim() === '' || !Number.isFinite(value)) return { ok: false, error: `The suggested value "${valueWord.slice(0, 32)}" is not a number.` };
  return { ok: true, value: { accountId: account.value, key: key.value, value } };
}
