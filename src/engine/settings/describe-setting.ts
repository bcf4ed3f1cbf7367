import type { SettingDefinition } from './threshold-settings.js';

/** A value with its unit, as the chat and the README write it: `0.55`, `5%`, `30 min`, `120 s`, `5`, `10,000`. */
export function formatSettingValue(setting: Pick<SettingDefinition, 'unit'>, value: number): string {
  const number = Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  switch (setting.unit) {
    case 'percent':
      return `${number}%`;
    case 'minutes':
      return `${number} min`;
    case 'seconds':
      return `${number} s`;
    default:
      return number;
  }
}

/** "from 0 to 1 (a fraction, e.g. 0.55)", "from 0.1 to 100 (%)", "a whole number from 1 to 100". */
export function describeRange(setting: SettingDefinition): string {
  const range = `from ${formatSettingValue(setting, setting.min)} to ${formatSettingValue(setting, setting.max)}`;
  if (setting.unit === 'fraction') return `${range} (a fraction: 0.55, not 55%)`;
  if (setting.unit === 'count') return `a whole number ${range}`;
  if (setting.unit === 'money') return `${range} (in quote currency)`;
  return range;
}
