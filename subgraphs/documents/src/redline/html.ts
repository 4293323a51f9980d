import { load, type CheerioAPI } from 'cheerio';

/*
 * Content is an HTML fragment (no <html>/<body>): parsed with cheerio's fragment mode and printed
 * back the same way. Every read and write of content goes through the parser, never a regular
 * expression on HTML.
 */

export type Fragment = CheerioAPI;

/** The attribute naming a structured field's section. */
export const FIELD = 'data-field';
/** The attributes of free-text track-change marks (their value is the mark's id). */
export const INSERTED = 'data-inserted';
export const DELETED = 'data-deleted';

/**
 * Text as HTML keeps it: the parser turns CR and CRLF into LF and NUL into U+FFFD, and fails on a
 * lone surrogate (replaced by U+FFFD here). Field values are written in this form, so what is read
 * back is exactly what was written.
 */
export const asHtmlText = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/[\0\p{Cs}]/gu, '\uFFFD');

export const parseFragment = (html: string): Fragment => load(asHtmlText(html), null, false);

export const printFragment = ($: Fragment): string => $.html();

/** Content as the parser prints it (what every write of this library produces), to compare versions. */
export const normalized = (html: string): string => printFragment(parseFragment(html));

const _paragraphs = ($: Fragment) => $('p').toArray();

/** An element of a parsed fragment. */
export type HtmlElement = ReturnType<typeof _paragraphs>[number];

/** The elements matching a selector that matches elements only (an attribute's, `*`). */
export const elementsOf = ($: Fragment, selector: string): HtmlElement[] => $(selector).toArray() as HtmlElement[];

const withAttribute = ($: Fragment, attribute: string) => elementsOf($, `[${attribute}]`);

/**
 * The elements carrying `attribute` (equal to `value` when given), in document order. Values are
 * compared as strings: no selector is ever built from input.
 */
export function elementsWith($: Fragment, attribute: string, value?: string): HtmlElement[] {
  return withAttribute($, attribute).filter((element) => value === undefined || element.attribs[attribute] === value);
}

/** Replaces an element by its children (keeps what it wrapped). */
export function unwrap($: Fragment, element: HtmlElement): void {
  const node = $(element);
  node.replaceWith(node.contents());
}
