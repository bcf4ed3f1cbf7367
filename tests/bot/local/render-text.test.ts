import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/bot/local/render-text.js';

describe('renderText', () => {
  it('renders HTML as it reads in Telegram', () => {
    expect(renderText('<b>Bold</b> &amp; <i>it</i> &lt;3 <code>x&gt;y</code>', 'HTML')).toBe('Bold & it <3 x>y');
    expect(renderText('<a href="https://x.example/a?b=1&amp;c=2">docs</a>', 'HTML')).toBe('docs (https://x.example/a?b=1&c=2)');
    expect(renderText('<a href="https://x.example">https://x.example</a>', 'HTML'), 'no repeated link').toBe('https://x.example');
    expect(renderText('<tg-spoiler>s</tg-spoiler><blockquote>q</blockquote>&#39;&#x41;', 'HTML')).toBe("sq'A");
  });

  it('renders MarkdownV2 without its escapes and markers', () => {
    expect(renderText('*Bold* price 1\\.5 \\(approx\\) _it_', 'MarkdownV2')).toBe('Bold price 1.5 (approx) it');
  });

  it('leaves plain text alone', () => {
    expect(renderText('<b>not html</b> 1 < 2', undefined)).toBe('<b>not html</b> 1 < 2');
  });
});
