import { load } from 'cheerio';

/*
 * A document's content is HTML: sections marked with `data-field` (the structured fields change
 * tracking records), free text with inline `data-inserted` / `data-deleted` track-changes marks.
 * Whatever a client sends is parsed (cheerio, parse5: the browser's own parsing of unclosed and
 * misnested tags) and rebuilt from an allow-list — never patched with regular expressions — so what
 * is stored and served is HTML a page renders without running anything.
 */

/** Largest content accepted, in characters of the HTML sent (and kept). */
export const MAX_CONTENT_LENGTH = 512 * 1024;

/** Elements kept (with their allowed attributes); others are unwrapped: their text stays. */
const ALLOWED_TAGS = new Set([
  'section', 'article', 'header', 'footer', 'div', 'span', 'p', 'br', 'hr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'sub', 'sup', 'mark', 'small', 'code', 'pre', 'blockquote',
  'ins', 'del',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
  'a',
]); // prettier-ignore

/** Elements removed with everything inside them (code, embedded content, forms, metadata). */
const DROPPED_TAGS = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'audio', 'video', 'source', 'track', 'img', 'picture', 'image',
  'form', 'input', 'button', 'textarea', 'select', 'option', 'head', 'title', 'meta', 'link', 'base',
]); // prettier-ignore

/** Attributes kept on any allowed element, besides `data-*` ones. */
const GLOBAL_ATTRIBUTES = new Set(['title', 'lang', 'dir']);
const ELEMENT_ATTRIBUTES: Record<string, ReadonlySet<string>> = {
  a: new Set(['href']),
  ol: new Set(['start', 'type']),
  td: new Set(['colspan', 'rowspan']),
  th: new Set(['colspan', 'rowspan', 'scope']),
  col: new Set(['span']),
  colgroup: new Set(['span']),
};
/** `data-field`, `data-label`, `data-inserted`, `data-deleted`, `data-clause-id`, …: inert, kept. */
const DATA_ATTRIBUTE = /^data-[a-z][a-z0-9-]{0,62}$/;
const MAX_ATTRIBUTE_VALUE = 2_048;
const SAFE_URL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export class ContentTooLargeError extends Error {
  override name = 'ContentTooLargeError';
}

/** An href kept only when it is http(s) or mailto (absolute) or a fragment; anything else (javascript:, data:, …) is dropped. */
function safeHref(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.startsWith('#')) return trimmed;
  try {
    return SAFE_URL_SCHEMES.has(new URL(trimmed).protocol) ? trimmed : null;
  } catch {
    return null;
  }
}

function keepsAttribute(tag: string, name: string): boolean {
  return GLOBAL_ATTRIBUTES.has(name) || DATA_ATTRIBUTE.test(name) || (ELEMENT_ATTRIBUTES[tag]?.has(name) ?? false);
}

/**
 * The content as it is stored: allowed elements and attributes only (event handlers, styles,
 * classes, ids and unknown attributes dropped; links only to http(s), mailto or a fragment),
 * comments removed, disallowed elements unwrapped or (code and embedded content) removed.
 * Throws ContentTooLargeError past MAX_CONTENT_LENGTH.
 */
export function sanitizeContent(html: string): string {
  if (html.length > MAX_CONTENT_LENGTH) throw new ContentTooLargeError(`Content must be at most ${MAX_CONTENT_LENGTH} characters`);
  const $ = load(html, null, false);
  $('*')
    .contents()
    .add($.root().contents())
    .filter((_, node) => node.type === 'comment' || node.type === 'directive' || node.type === 'cdata')
    .remove();
  // Document order: a dropped element takes its descendants with it; an unwrapped one hands them to its parent.
  for (const element of $('*').toArray()) {
    if (!('attribs' in element)) continue;
    const tag = element.tagName.toLowerCase();
    if (DROPPED_TAGS.has(tag) || element.type === 'script' || element.type === 'style') {
      $(element).remove();
      continue;
    }
    if (!ALLOWED_TAGS.has(tag)) {
      $(element).replaceWith($(element).contents());
      continue;
    }
    for (const [name, value] of Object.entries(element.attribs)) {
      const lower = name.toLowerCase();
      let kept: string | null = keepsAttribute(tag, lower) && value.length <= MAX_ATTRIBUTE_VALUE ? value : null;
      if (kept !== null && lower === 'href') kept = safeHref(kept);
      delete element.attribs[name];
      if (kept !== null) element.attribs[lower] = kept;
    }
    if (tag === 'a' && element.attribs.href) element.attribs.rel = 'noopener noreferrer nofollow';
  }
  const clean = $.html();
  if (clean.length > MAX_CONTENT_LENGTH) throw new ContentTooLargeError(`Content must be at most ${MAX_CONTENT_LENGTH} characters`);
  return clean;
}
