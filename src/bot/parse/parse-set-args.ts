import type { ChangeRequest } from '../../engine/settings/threshold-types.js';
import { describeRange } from '../../engine/settings/describe-setting.js';
import { THRESHOLD_KEYS, THRESHOLD_SETTINGS, type SettingDefinition, type ThresholdKey } from '../../engine/settings/threshold-settings.js';
import { parseAccount } from './parse-account.js';
import { parseDuration } from './parse-duration.js';
import { parseSettingValue } from './parse-setting-value.js';
import { quote, type Parsed } from './parsed.js';
import { splitWords } from './split-words.js';

export const SET_USAGE = 'ACCOUNT SETTING VALUE [for DURATION] [reason…]';

/** One of the settings, in any case: `minconfidence` is minConfidence. */
export function parseSettingKey(word: string): Parsed<ThresholdKey> {
  const key = THRESHOLD_KEYS.find((k) => k.toLowerCase() === word.toLowerCase());
  return key === undefined ? { ok: false, error: `Unknown setting ${quote(word)}: choose one of ${THRESHOLD_KEYS.join(', ')}.` } : { ok: true, value: key };
}

/** `/set paper minConfidence 0.55 for 24h testing looser entries` */
export function parseSetArgs(args: string, accounts: readonly string[]): Parsed<ChangeRequest> {
  const words = splitWords(args);
  const [accountWord, keyWord, valueWord, ...rest] = words;
  if (accountWord === undefined || keyWord === undefined || valueWord === undefined) {
    return { ok: false, error: `Usage: /set ${SET_USAGE}, e.g. /set ${accounts[0] ?? 'paper'} minConfidence 0.55 for 24h testing looser entries. Or /thresholds for the list and buttons.` };
  }
  const account = parseAccount(accountWord, accounts);
  if (!account.ok) return account;
  const key = parseSettingKey(keyWord);
  if (!key.ok) return key;
  const change = parseValueAndTail(THRESHOLD_SETTINGS[key.value], [valueWord, ...rest]);
  return change.ok ? { ok: true, value: { accountId: account.value, key: key.value, ...change.value } } : change;
}

/** `VALUE [for DURATION] [reason…]`: what /set and the conversation's value step both take. */
export function parseValueAndTail(setting: SettingDefinition, words: readonly string[]): Parsed<Omit<ChangeRequest, 'accountId' | 'key'>> {
  const [valueWord, ...rest] = words;
  if (valueWord === undefined) return { ok: false, error: `Type a value: ${setting.key} is ${describeRange(setting)}.` };
  const value = parseSettingValue(setting, valueWord);
  if (!value.ok) return value;
  let durationMs: number | undefined;
  let reasonWords = rest;
  if (rest[0]?.toLowerCase() === 'for') {
    const duration = rest[1] === undefined ? ({ ok: false, error: 'Say how long after "for", e.g. for 24h.' } as const) : parseDuration(rest[1]);
    if (!duration.ok) return duration;
    durationMs = duration.value;
    reasonWords = rest.slice(2);
  }
  const reason = reasonWords.join(' ').trim();
  if (reason.length > 200) return { ok: false, error: 'Keep the reason under 200 characters.' };
  return { ok: true, value: { value: value.value, ...(durationMs === undefined ? {} : { durationMs }), ...(reason === '' ? {} : { reason }) } };
}
