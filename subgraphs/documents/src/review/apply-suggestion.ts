import { load } from 'cheerio';

/**
 * The document's HTML with `originalText` replaced by `suggestedText` in the section
 * `[data-field="<section>"]`, or null when the section is missing or no single text node of it
 * contains the original (the document changed since the reviewer read it). Parsed with cheerio:
 * only text changes, the markup around it stays as it was. An empty original appends the
 * suggestion to the section.
 */
export function applySuggestion(html: string, section: string, originalText: string, suggestedText: string): string | null {
  const $ = load(html, null, false);
  const target = $('[data-field]')
    .filter((_, element) => $(element).attr('data-field') === section)
    .first();
  if (!target.length) return null;
  if (!originalText) {
    target.append(escapeText(suggestedText));
    return $.html();
  }
  for (const node of textNodesOf(target.get(0) as unknown as DomNode)) {
    const at = node.data.indexOf(originalText);
    if (at < 0) continue;
    node.data = node.data.slice(0, at) + suggestedText + node.data.slice(at + originalText.length);
    return $.html();
  }
  return null;
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** What the walk needs of a parsed node (domhandler's, as cheerio holds them). */
interface DomNode {
  type: string;
  data?: string;
  children?: DomNode[];
}

/** The text nodes under `node`, in document order. */
function textNodesOf(node: DomNode): (DomNode & { data: string })[] {
  if (node.type === 'text') return [node as DomNode & { data: string }];
  return (node.children ?? []).flatMap(textNodesOf);
}
