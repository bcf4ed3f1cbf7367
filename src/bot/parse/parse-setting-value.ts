import { describeRange } from '../../engine/settings/describe-setting.js';
import type { SettingDefinition } from '../../engine/settings/threshold-settings.js';
import { quote, type Parsed } from './parsed.js';

/** A number and what follows it: `5%`, `30m`, `$500`, `2h`. */
const WITH_UNIT = /^(\$)?(\d+(?:\.\d+)?|\.\d+)\s*([a-z%]*)$/i;
const MINUTES_PER = { m: 1, min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hour: 60, hours: 60 } as const;
const SECONDS_PER = { s: 1, sec: 1, secs: 1, second: 1, seconds: 1, m: 60, min: 60, minute: 60, minutes: 60 } as const;

/**
 * A value for one setting as a person types it, in the setting's unit: a fraction for
 * minConfidence (0.55, never 55%), a percentage with or without `%`, an amount with or
 * without `$`, a whole count, minutes (`30`, `30m`, `2h`) or seconds (`120`, `120s`, `2m`).
 * Anything in another unit, or outside the range, is refused with the unit and the range.
 */
export function parseSettingValue(setting: SettingDefinition, text: string): Parsed<number> {
  const word = text.trim().replace(/,/g, '');
  const match = WITH_UNIT.exec(word);
  if (match === null) return { ok: false, error: `${quote(text.trim())} is not a number: ${setting.key} is ${describeRange(setting)}.` };
  const [, dollar, digits = '', rawUnit = ''] = match;
  const unit = rawUnit.toLowerCase();
  const converted = convert(setting, Number(digits), unit, dollar !== undefined);
  if (converted === undefined) return { ok: false, error: wrongUnit(setting, text.trim()) };
  if (converted < setting.min || converted > setting.max) return { ok: false, error: `${setting.key} must be ${describeRange(setting)}; ${quote(text.trim())} is outside.` };
  if (setting.integer && !Number.isInteger(converted)) return { ok: false, error: `${setting.key} must be a whole number, ${describeRange(setting)}.` };
  return { ok: true, value: converted };
}

/** The value in the setting's own unit, or undefined when the unit written does not fit. */
function convert(setting: SettingDefinition, value: number, unit: string, dollar: boolean): number | undefined {
  if (dollar && setting.unit !== 'money') return undefined;
  switch (setting.unit) {
    case 'fraction':
    case 'count':
      return unit === '' ? value : undefined;
    case 'percent':
      return unit === '' || unit === '%' ? value : undefined;
    case 'money':
      return unit === '' ? value : undefined;
    case 'minutes': {
      const factor = unit === '' ? 1 : MINUTES_PER[unit as keyof typeof MINUTES_PER];
      return factor === undefined ? undefined : round(value * factor);
    }
    case 'seconds': {
      const factor = unit === '' ? 1 : SECONDS_PER[unit as keyof typeof SECONDS_PER];
      return factor === undefined ? undefined : round(value * factor);
    }
  }
}

/** 0.1 h is 6 min, not 6.000000000000001. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function wrongUnit(setting: SettingDefinition, text: string): string {
  switch (setting.unit) {
    case 'fraction':
      return `${setting.key} is a fraction from 0 to 1: write 0.55 for 55%, not ${quote(text)}.`;
    case 'percent':
      return `${setting.key} is a percentage: write 5 or 5%, not ${quote(text)}.`;
    case 'money':
      return `${setting.key} is an amount in the account's quote currency, e.g. 5000 (for a share of equity use maxPositionPct), not ${quote(text)}.`;
    case 'count':
      return `${setting.key} is a whole number, e.g. 5, not ${quote(text)}.`;
    case 'minutes':
      return `${setting.key} is in minutes: write 30, 30m or 2h, not ${quote(text)}.`;
    case 'seconds':
      return `${setting.key} is in seconds: write 120, 120s or 2m, not ${quote(text)}.`;
  }
}
