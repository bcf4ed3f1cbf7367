import * as z from 'zod';
import { TIMEFRAMES } from '../engine/market/bars.js';

/** Watchlists by account id: the symbols scans and daily top-ups cover. */
export const WatchlistsSchema = z.record(z.string(), z.array(z.string().min(1).max(30)));

export const BackfillJobSchema = z.object({
  id: z.string(),
  request: z.object({
    venue: z.string(),
    symbols: z.array(z.string()),
    timeframes: z.array(z.enum(TIMEFRAMES)),
    days: z.number().positive(),
  }),
  state: z.enum(['pending', 'running', 'done', 'canceled', 'failed']),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  by: z.number().optional(),
  summary: z.string().optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  storedBefore: z.record(z.string(), z.int().nonnegative()).optional(),
  resumes: z.int().nonnegative().optional(),
});

/** Backfill jobs by id: a running one found at start-up was interrupted and resumes. */
export const BackfillsSchema = z.record(z.string(), BackfillJobSchema);

export type BackfillJob = z.infer<typeof BackfillJobSchema>;
