import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertEntry } from '../../../src/alerts/alert-outbox-port.js';
import { formatCount, renderAlert, renderDigest, toPlainText } from '../../../src/bot/alerts/render-alert.js';
import { splitMessage } from '../../../src/alerts/split-message.js';
import { escapeHtml } from '../../../src/bot/messages/html.js';

const NOW = new Date('2026-11-20T12:00:00Z');

function entry(overrides: Partial<AlertEntry> = {}): AlertEntry {
  const at = NOW.toISOString();
  return { id: 'a1', chatId: 1, severity: 'INFO', type: 'note', title: 'Title', dedupeKey: 'k', count: 1, firstAt: at, lastAt: at, createdAt: at, attempts: 0, sentCount: 0, ...overrides };
}

describe('renderAlert', () => {
  it.each([
    ['CRITICAL', '🚨 <b>CRITICAL</b>'],
    ['HIGH', '🟠 <b>HIGH</b>'],
    ['WARNING', '⚠️ <b>WARNING</b>'],
    ['INFO', 'ℹ️ <b>INFO</b>'],
  ] as const)('starts a %s alert with its tag and no PAPER/LIVE badge', (severity, tag) => {
    const text = renderAlert(entry({ severity }), NOW);
    expect(text.startsWith(`${tag} · `), 'the tag comes first').toBe(true);
    expect(text, 'no badge unless the text brings one').not.toMatch(/PAPER|LIVE/);
  });

  it('escapes every outside character and round-trips to plain text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (title, body) => {
        const text = renderAlert(entry({ title, body }), NOW);
        expect(text, 'title escaped').toContain(escapeHtml(title));
        expect(text.replace(/<\/?(b|i)>/g, ''), 'no tag but ours').not.toMatch(/<(?!\/?(b|i)>)/);
        expect(toPlainText(text), 'plain text keeps the original characters').toContain(`${title}${body === '' ? '' : `\n${body}`}`);
      }),
    );
  });

  it('says how often and over what span identical alerts came', () => {
    expect(formatCount(entry({ count: 12, firstAt: '2026-11-20T11:55:00Z', lastAt: '2026-11-20T12:00:00Z' })), 'count and span').toBe(' ×12 in 5 min');
    expect(formatCount(entry({ count: 3 })), 'same instant').toBe(' ×3');
    expect(formatCount(entry()), 'single').toBe('');
  });

  it('says when a late alert happened', () => {
    expect(renderAlert(entry({ firstAt: '2026-11-20T11:30:00Z' }), NOW), 'delivered after an outage').toContain('<i>Raised at 11:30 UTC, 30 min ago.</i>');
  });
});

describe('renderDigest', () => {
  it('groups by dedupe key, WARNING first, and counts every alert', () => {
    const text = renderDigest(
      [
        entry({ title: 'Scan <done>', dedupeKey: 'scan', count: 30, firstAt: '2026-11-20T11:58:00Z' }),
        entry({ severity: 'WARNING', title: 'Feed slow', dedupeKey: 'feed', count: 2 }),
        entry({ title: 'Scan <done>', dedupeKey: 'scan', count: 5 }),
      ],
      NOW,
    );
    expect(text.split('\n'), 'tag, then one line per kind').toEqual([
      '⚠️ <b>WARNING</b> · 37 alerts since 11:58 UTC',
      '⚠️ <b>Feed slow</b> ×2',
      'ℹ️ <b>Scan &lt;done&gt;</b> ×35 in 2 min',
    ]);
  });

  it('summarizes kinds past the line limit without losing their counts', () => {
    const entries = Array.from({ length: 100 }, (_, i) => entry({ title: `Kind ${i}`, dedupeKey: `k${i}`, type: i % 2 === 0 ? 'even' : 'odd', count: 2 }));
    const text = renderDigest(entries, NOW);
    expect(text.split('\n'), '40 kinds listed, then a summary').toHaveLength(42);
    expect(text.split('\n').at(-1), 'the other 60 kinds, 120 alerts, by type').toBe('… and 120 more alerts of 60 kinds: even ×60, odd ×60');
  });
});

describe('splitMessage', () => {
  it('keeps short text whole and splits on line boundaries', () => {
    expect(splitMessage('a\nb'), 'short').toEqual(['a\nb']);
    expect(splitMessage('aaa\nbbb\nccc', 7), 'two lines fit').toEqual(['aaa\nbbb', 'ccc']);
    expect(splitMessage('aaa\n\n', 3), 'never an empty part: Telegram would refuse it').toEqual(['aaa']);
  });

  it('every part fits, and joining the parts with newlines rebuilds the text (property)', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `-${escapeHtml(s)}`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.integer({ min: 400, max: 1_000 }), (lines, limit) => {
        const text = lines.join('\n');
        const parts = splitMessage(text, limit);
        expect(parts.every((p) => p.length <= limit), 'within the limit').toBe(true);
        expect(parts.join('\n'), 'cut only at line ends: nothing lost or reordered').toBe(text);
      }),
    );
  });

  it('hard-splits an over-long line without cutting an entity (property)', () => {
    // No whitespace: a part of only blanks is left out on purpose (Telegram refuses it).
    const text = fc.string({ minLength: 50, maxLength: 400 }).map((s) => escapeHtml(s.replace(/\s/g, '_')));
    fc.assert(
      fc.property(text, fc.integer({ min: 12, max: 40 }), (line, limit) => {
        const parts = splitMessage(line, limit);
        expect(parts.join(''), 'nothing lost').toBe(line);
        expect(parts.every((p) => p.length <= limit), 'within the limit').toBe(true);
        expect(parts.every((p) => !/&[a-z]*$/.test(p)), 'no entity cut in two').toBe(true);
      }),
    );
  });

  it('hard-splits a single over-long line without breaking an entity or a surrogate pair', () => {
    const line = `${'x'.repeat(4_094)}&amp;${'😀'.repeat(3_000)}`;
    const parts = splitMessage(line);
    expect(parts.every((p) => p.length <= 4_096), 'within the limit').toBe(true);
    expect(parts.join(''), 'nothing lost').toBe(line);
    expect(parts[1]?.startsWith('&amp;'), 'the entity moved whole to the next part').toBe(true);
    expect(parts.every((p) => !/[\ud800-\udbff]$/.test(p)), 'no half emoji').toBe(true);
  });
});
