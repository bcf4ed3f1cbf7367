/**
 * Messages use Telegram's HTML parse mode. Anything from outside (symbols, names, error
 * text, LLM output) is escaped, so a stray `<` or `&` can never make Telegram refuse
 * a message.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A piece of HTML that is already safe and is inserted as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template: interpolated values are escaped unless they are SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += (value instanceof SafeHtml ? value.value : escapeHtml(String(value))) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

export function joinHtml(parts: readonly SafeHtml[], separator = '\n'): SafeHtml {
  return new SafeHtml(parts.map((p) => p.value).join(separator));
}
