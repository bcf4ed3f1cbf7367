import type { MessageEntity } from 'grammy/types';
import { badRequest, type BotApiError } from './bot-api-error.js';

/** The tags Telegram's HTML parse mode knows, and the entity each one makes. */
const TAG_ENTITIES: Record<string, MessageEntity['type']> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  name: string;
  attributes: Record<string, string>;
  start: number;
}

export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

/**
 * Telegram's HTML parse mode, strictly enough to refuse what Telegram refuses (an unknown
 * tag, a tag left open, a stray or crossed end tag, a bare `<`) with its wording and
 * UTF-8 byte offsets, and to yield the plain text and entities Telegram would store.
 * https://core.telegram.org/bots/api#html-style
 */
export function parseHtml(html: string): ParsedText {
  const stack: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const char = html[i] as string;
    if (char === '<') {
      const end = html.indexOf('>', i);
      if (end === -1) throw cantParse(`Unclosed start tag at byte offset ${byteOffset(html, i)}`);
      const inner = html.slice(i + 1, end);
      if (inner.startsWith('/')) closeTag(inner.slice(1).trim().toLowerCase(), stack, entities, text, byteOffset(html, i));
      else stack.push(openTag(inner, text.length, byteOffset(html, i)));
      i = end + 1;
    } else if (char === '&') {
      const [decoded, length] = decodeEntity(html, i);
      text += decoded;
      i += length;
    } else {
      text += char;
      i += 1;
    }
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function openTag(inner: string, start: number, offset: number): OpenTag {
  const name = (/^[A-Za-z][\w-]*/.exec(inner)?.[0] ?? '').toLowerCase();
  if (TAG_ENTITIES[name] === undefined) throw cantParse(`Unsupported start tag "${name}" at byte offset ${offset}`);
  const attributes = parseAttributes(inner.slice(name.length));
  if (name === 'span' && attributes.class !== 'tg-spoiler') throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${offset}`);
  return { name, attributes, start };
}

function closeTag(name: string, stack: OpenTag[], entities: MessageEntity[], text: string, offset: number): void {
  const open = stack.pop();
  if (open === undefined) throw cantParse(`Unexpected end tag at byte offset ${offset}`);
  if (open.name !== name) throw cantParse(`Unmatched end tag at byte offset ${offset}, expected "</${open.name}>", found "</${name}>"`);
  const entity = entityOf(open, text.length - open.start, stack.at(-1));
  // Telegram keeps no empty entity, and a <code> right inside <pre> only names its language.
  if (entity !== undefined && entity.length > 0) entities.push(entity);
  if (open.name === 'code' && stack.at(-1)?.name === 'pre') {
    const language = /^language-(.+)$/.exec(open.attributes.class ?? '')?.[1];
    if (language !== undefined) (stack.at(-1) as OpenTag).attributes.language = language;
  }
}

function entityOf(tag: OpenTag, length: number, parent: OpenTag | undefined): MessageEntity | undefined {
  const type = TAG_ENTITIES[tag.name] as MessageEntity['type'];
  const base = { offset: tag.start, length };
  if (type === 'text_link') return tag.attributes.href === undefined ? undefined : { ...base, type, url: tag.attributes.href };
  if (type === 'code' && parent?.name === 'pre') return undefined;
  if (type === 'pre') return { ...base, type, ...(tag.attributes.language === undefined ? {} : { language: tag.attributes.language }) };
  if (type === 'custom_emoji') return { ...base, type, custom_emoji_id: tag.attributes['emoji-id'] ?? '' };
  if (type === 'blockquote' && 'expandable' in tag.attributes) return { ...base, type: 'expandable_blockquote' };
  return { ...base, type } as MessageEntity;
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(/([A-Za-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const [, key = '', double, single, bare] = match;
    attributes[key.toLowerCase()] = decodeAll(double ?? single ?? bare ?? '');
  }
  return attributes;
}

/** `&lt;` `&gt;` `&amp;` `&quot;` and numeric references; anything else stays as written. */
function decodeEntity(html: string, at: number): [string, number] {
  const match = /^&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/.exec(html.slice(at, at + 12));
  if (match === null) return ['&', 1];
  const ref = match[1] as string;
  if (ref.startsWith('#x') || ref.startsWith('#')) {
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? [String.fromCodePoint(code), match[0].length] : ['&', 1];
  }
  const named = NAMED_ENTITIES[ref.toLowerCase()];
  return named === undefined ? ['&', 1] : [named, match[0].length];
}

function decodeAll(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; ) {
    const [decoded, length] = value[i] === '&' ? decodeEntity(value, i) : [value[i] as string, 1];
    out += decoded;
    i += length;
  }
  return out;
}

const byteOffset = (html: string, index: number): number => Buffer.byteLength(html.slice(0, index), 'utf8');

const cantParse = (why: string): BotApiError => badRequest(`can't parse entities: ${why}`);
