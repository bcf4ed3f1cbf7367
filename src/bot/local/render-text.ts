/**
 * Renders a Telegram message body as it reads in the app, for the terminal: HTML tags
 * gone, entities decoded, links shown with their target.
 */
export function renderText(text: string, parseMode: string | undefined): string {
  if (parseMode === 'HTML') return renderHtml(text);
  if (parseMode === 'MarkdownV2' || parseMode === 'Markdown') return renderMarkdown(text);
  return text;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function renderHtml(text: string): string {
  const withLinks = text.replace(/<a\s+href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_whole, href: string, label: string) => {
    const target = decodeEntities(href);
    const shown = label.replace(/<[^>]*>/g, '');
    return decodeEntities(shown) === target ? shown : `${shown} (${target})`;
  });
  return decodeEntities(withLinks.replace(/<\/?[a-z][a-z0-9-]*(\s[^>]*)?>/gi, ''));
}

function renderMarkdown(text: string): string {
  // Drop the formatting markers, then the escapes that protected literal characters.
  return text
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/(?<!\\)[*_~`|]/g, '')
    .replace(/\\([_*[\]()~`>#+\-=|{}.!\\])/g, '$1');
}
