import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { BotDeps } from '../context.js';
import { parseDays, parseSymbolList, parseTimeframes, parseVenue } from '../parse/parse-backfill-args.js';
import { createAsk, QUESTION_DEADLINE_MS } from './ask.js';
import { startBackfillFromChat } from './start-backfill-from-chat.js';

export const BACKFILL_CONVERSATION = 'backfill';

/**
 * /backfill step by step: venue → symbols or watchlist → timeframes → days, then the
 * estimate with Confirm and Cancel. Symbols the venue does not know are refused at their
 * question, with the known ones, not when the backfill runs. The last step is the same
 * durable question a big one-line /backfill asks: Confirm is a decision tap, recorded
 * before it is answered.
 */
export function createBackfillConversation(deps: Pick<BotDeps, 'clock' | 'engine' | 'inbound' | 'outbox'>) {
  const { engine } = deps;
  return async function backfill(conversation: Conversation<Context, Context>, ctx: Context): Promise<void> {
    const { ask, askFor } = createAsk(conversation, ctx, { clock: deps.clock, questions: deps.inbound.questions }, { command: 'backfill', deadlineMs: QUESTION_DEADLINE_MS });
    const venues = await conversation.external(() => engine.market.venues());
    const venue = venues.length === 1 ? (venues[0] as string) : await ask('Which venue?', (t) => parseVenue(t, venues), venues.map((v) => ({ label: v, value: v })));
    const watchlist = await conversation.external(() => [...engine.market.watchlistOfVenue(venue)]);
    const symbolsQuestion = `Symbols on ${venue}? Comma-separated (BTC/USDT,ETH/USDT), or the watchlist (${watchlist.length}).`;
    let question = symbolsQuestion;
    let symbols: readonly string[];
    for (;;) {
      symbols = await ask(question, (t) => parseSymbolList(t, watchlist), [{ label: 'Watchlist', value: 'watchlist' }]);
      const candidate = symbols;
      const unknown = await conversation.external(() => engine.market.checkBackfillSymbols(venue, candidate));
      if (unknown === undefined) break;
      question = `${unknown.charAt(0).toUpperCase()}${unknown.slice(1)}. ${symbolsQuestion}`;
    }
    const timeframes = await ask('Timeframes? e.g. 1h,1d', parseTimeframes, [
      { label: '1h,1d', value: '1h,1d' },
      { label: '15m,1h,1d', value: '15m,1h,1d' },
    ]);
    const { value: days, answer } = await askFor('How many days back?', parseDays, [
      { label: '30', value: '30' },
      { label: '180', value: '180' },
    ]);
    const by = ctx.from?.id;
    // The last answer asks once: recorded before the question is posted, so a redelivery is skipped.
    await conversation.external(async () => {
      if (await deps.inbound.updates.record(answer.update.update_id)) await startBackfillFromChat(ctx, engine, deps.outbox, { venue, symbols, timeframes, days }, by, { ask: 'always' });
    });
  };
}
