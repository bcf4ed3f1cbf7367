import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { BotDeps } from '../context.js';
import type { OrderType } from '../../engine/proposals/proposal.js';
import { describeError } from '../../engine/health/describe-error.js';
import { isVenueUnreachable } from '../../engine/venues/is-venue-unreachable.js';
import { displayTickOf, formatMoney, formatPrice, formatQuantity, quoteCurrencyOf } from '../messages/format-number.js';
import { proposeResultMessage, unreachableMessage } from '../messages/propose-result-message.js';
import type { Parsed } from '../parse/parsed.js';
import { parsePrice, parseSide, parseSize } from '../parse/parse-propose-args.js';
import { parseSymbol } from '../parse/parse-symbol.js';
import { CONFIRMATION_DEADLINE_MS, createAsk, QUESTION_DEADLINE_MS } from './ask.js';

export const PROPOSE_CONVERSATION = 'propose';

/**
 * /propose step by step: account → symbol → side → size → order type → confirm. Every
 * engine call sits in `conversation.external`, so replays never repeat it. The
 * confirmation of a live account's trade is fresh or void (60 s).
 */
export function createProposeConversation(deps: Pick<BotDeps, 'clock' | 'engine' | 'inbound'>) {
  const { engine } = deps;
  return async function propose(conversation: Conversation<Context, Context>, ctx: Context): Promise<void> {
    const { ask, askFor } = createAsk(conversation, ctx, { clock: deps.clock, questions: deps.inbound.questions }, { command: 'propose', deadlineMs: QUESTION_DEADLINE_MS });
    const accounts = await conversation.external(() => engine.accounts().map((a) => a.id));
    const accountId =
      accounts.length === 1
        ? (accounts[0] as string)
        : await ask('Which account?', (t) => oneOf(t.toLowerCase(), accounts, 'account'), accounts.map((a) => ({ label: a, value: a })));

    // A symbol the venue does not know is asked again, with the ones it knows when it can list them.
    let question = `Symbol? (e.g. BTC/USDT or AAPL) · account ${accountId}`;
    let symbol: string;
    let price: string | undefined;
    for (;;) {
      symbol = await ask(question, parseSymbol);
      const quoted = await conversation.external(() => quoteOrUnreachable(deps, accountId, symbol));
      if (quoted.unreachable !== undefined) {
        await ctx.reply(quoted.unreachable, { parse_mode: 'HTML' });
        return;
      }
      price = quoted.price;
      if (price !== undefined) break;
      const unknown = symbol;
      question = `${await conversation.external(() => engine.describeUnknownSymbol(accountId, unknown))}.\nSymbol? (or Cancel)`;
    }
    const currency = quoteCurrencyOf(symbol);
    const side = await ask(`${symbol} is at ${formatPrice(price)} ${currency}. Buy or sell?`, parseSide, [
      { label: 'Buy', value: 'buy' },
      { label: 'Sell', value: 'sell' },
    ]);
    const size = await ask('Size? A quantity like 0.01, or an amount like $500.', parseSize);
    const orderType = await ask('Order type?', (t) => oneOf(t.toLowerCase(), ['market', 'limit'], 'order type') as Parsed<OrderType>, [
      { label: 'Market', value: 'market' },
      { label: 'Limit', value: 'limit' },
    ]);
    const limitPrice = orderType === 'limit' ? await ask('Limit price?', (t) => parsePrice(t, 'limit')) : undefined;

    // Worded as the card will word it, so what is confirmed is what arrives.
    const amount = size.kind === 'quantity' ? `${formatQuantity(size.quantity)} ${symbol}` : `${formatMoney(size.notional, currency)} worth of ${symbol}`;
    const limit = limitPrice === undefined ? '' : ` @ ${formatPrice(limitPrice, displayTickOf(price))}`;
    const summary = `${side.toUpperCase()} ${amount} · ${orderType}${limit} · account ${accountId}`;
    const live = await conversation.external(() => engine.account(accountId)?.live === true);
    const { answer } = await askFor(`Propose ${summary}?`, (t) => oneOf(t.toLowerCase(), ['confirm', 'yes'], 'answer'), [{ label: 'Confirm', value: 'confirm' }], live ? CONFIRMATION_DEADLINE_MS : undefined);

    const by = ctx.from?.id;
    // The confirmation acts once: recorded before the proposal is made, so a redelivery is skipped.
    const result = await conversation.external(async () => {
      if (!(await deps.inbound.updates.record(answer.update.update_id))) return undefined;
      return engine.propose({
        accountId,
        symbol,
        side,
        size,
        orderType,
        ...(limitPrice === undefined ? {} : { limitPrice }),
        source: 'manual',
        confidence: 1,
        rationale: 'Proposed by hand in the chat.',
        ...(by === undefined ? {} : { createdBy: by }),
      });
    });
    if (result === undefined) return;
    await ctx.reply(proposeResultMessage(result, live).value, { parse_mode: 'HTML' });
  };
}

/** The price, or what to tell when the venue cannot be asked (plain data: conversations replay it). */
async function quoteOrUnreachable(deps: Pick<BotDeps, 'engine'>, accountId: string, symbol: string): Promise<{ price?: string; unreachable?: string }> {
  try {
    const price = await deps.engine.quote(accountId, symbol);
    return price === undefined ? {} : { price };
  } catch (error) {
    if (!isVenueUnreachable(error)) throw error;
    const venue = deps.engine.account(accountId)?.venue ?? accountId;
    return { unreachable: unreachableMessage(venue, describeError(error).message).value };
  }
}

function oneOf(value: string, allowed: readonly string[], what: string): Parsed<string> {
  return allowed.includes(value) ? { ok: true, value } : { ok: false, error: `Choose the ${what}: ${allowed.join(', ')}.` };
}
