import type { Context } from 'grammy';

/** The text after the command; the registry puts it in `ctx.match`, a nav button leaves it empty. */
export function commandArgs(ctx: Pick<Context, 'match'>): string {
  return typeof ctx.match === 'string' ? ctx.match : '';
}
