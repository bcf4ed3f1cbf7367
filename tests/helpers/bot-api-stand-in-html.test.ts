import { describe, expect, it } from 'vitest';
import { BotApiError } from './bot-api-stand-in/bot-api-error.js';
import { parseHtml } from './bot-api-stand-in/parse-html.js';

const refusal = (html: string): string => {
  try {
    parseHtml(html);
  } catch (error) {
    if (error instanceof BotApiError) return error.description;
  }
  return 'accepted';
};

describe('the stand-in’s HTML parse mode', () => {
  it('yields Telegram’s plain text and entities, offsets in UTF-16 units', () => {
    expect(parseHtml('📄 <b>PAPER</b> · <a href="https://x.test/?a=1&amp;b=2">link</a>'), 'an emoji counts 2 units; the href is decoded').toEqual({
      text: '📄 PAPER · link',
      entities: [
        { type: 'bold', offset: 3, length: 5 },
        { type: 'text_link', offset: 11, length: 4, url: 'https://x.test/?a=1&b=2' },
      ],
    });
    expect(parseHtml('<pre><code class="language-ts">x &lt; 1</code></pre>'), 'code inside pre names the language').toEqual({
      text: 'x < 1',
      entities: [{ type: 'pre', offset: 0, length: 5, language: 'ts' }],
    });
    expect(parseHtml('<B>a<i>b</i></B><span class="tg-spoiler">s</span>&#8212;&#x2014;<b></b>').entities, 'nesting, case, spoilers; empty tags leave nothing').toEqual([
      { type: 'bold', offset: 0, length: 2 },
      { type: 'italic', offset: 1, length: 1 },
      { type: 'spoiler', offset: 2, length: 1 },
    ]);
    expect(parseHtml('AT&T &nbsp; 5 > 3').text, 'a bare & or an unknown entity stays as written').toBe('AT&T &nbsp; 5 > 3');
  });

  it('refuses what Telegram refuses, with its wording', () => {
    expect(refusal('<p>x</p>')).toBe('Bad Request: can\'t parse entities: Unsupported start tag "p" at byte offset 0');
    expect(refusal('<b>x')).toBe('Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"');
    expect(refusal('x</b>')).toBe("Bad Request: can't parse entities: Unexpected end tag at byte offset 1");
    expect(refusal('<b><i>x</b></i>')).toBe('Bad Request: can\'t parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"');
    expect(refusal('1 < 2 > 0'), 'an unescaped <').toBe('Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2');
    expect(refusal('<b')).toBe("Bad Request: can't parse entities: Unclosed start tag at byte offset 0");
    expect(refusal('<span>x</span>')).toMatch(/must have class "tg-spoiler"/);
  });
});
