import { truncate } from '../engine/health/describe-error.js';

const MAX_DETAILS_CHARS = 160;

/** A job's return value as the short text /jobs and the run history keep. */
export function summarizeJobResult(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.length === 0 ? undefined : truncate(value, MAX_DETAILS_CHARS);
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    try {
      return truncate(JSON.stringify(value), MAX_DETAILS_CHARS);
    } catch {
      return undefined;
    }
  }
  return truncate(String(value), MAX_DETAILS_CHARS);
}
