import { load, type CheerioAPI } from 'cheerio';

/*
 * A clause inserted in a document is a section of its content:
 * `<section data-field="clause:<clause id>" data-label="<title>" data-clause-version="<n>">body</section>`
 * (`data-field` is what change tracking and the redline name the section by). These functions edit
 * the content's clause sections through cheerio's parse of the HTML — never regular expressions —
 * and leave everything else in the content as it was. `position` is a clause's index among the
 * document's clause sections, in content order.
 */

const PREFIX = 'clause:';

/** The `data-field` of a clause's section. */
export const clauseField = (clauseId: string): string => `${PREFIX}${clauseId}`;

export interface ClauseSection {
  /** The clause's global id. */
  clauseId: string;
  title: string;
  version: number;
  /** Sanitized HTML. */
  body: string;
}

const parse = (html: string): CheerioAPI => load(html, null, false);

const sectionsOf = ($: CheerioAPI) =>
  $.root()
    .find('section[data-field]')
    .filter((_, element) => (element.attribs['data-field'] ?? '').startsWith(PREFIX));

const sectionOf = ($: CheerioAPI, clauseId: string) =>
  sectionsOf($)
    .filter((_, element) => element.attribs['data-field'] === clauseField(clauseId))
    .first();

/** The clause ids of the content's clause sections, in content order (each once: the first section wins). */
export function clauseSectionIds(html: string): string[] {
  const ids = sectionsOf(parse(html))
    .toArray()
    .map((element) => element.attribs['data-field']!.slice(PREFIX.length));
  return [...new Set(ids)];
}

function sectionHtml($: CheerioAPI, section: ClauseSection) {
  const element = $('<section></section>');
  element.attr('data-field', clauseField(section.clauseId));
  element.attr('data-label', section.title);
  element.attr('data-clause-version', String(section.version));
  element.html(section.body);
  return element;
}

/** Places `element` at `position` among the other clause sections (after the last one, or at the end of the content when there is none). */
function place($: CheerioAPI, element: ReturnType<typeof sectionHtml>, position: number): void {
  const others = sectionsOf($).toArray();
  if (position < others.length) $(others[Math.max(0, position)]!).before(element);
  else if (others.length) $(others[others.length - 1]!).after(element);
  else $.root().append(element);
}

/** The content with the clause's section inserted at `position` (clamped to 0…count). */
export function insertClauseSection(html: string, section: ClauseSection, position: number): string {
  const $ = parse(html);
  place($, sectionHtml($, section), position);
  return $.html();
}

/** The content with the clause's section moved to `position`; unchanged when it has no section. */
export function moveClauseSection(html: string, clauseId: string, position: number): string {
  const $ = parse(html);
  const section = sectionOf($, clauseId);
  if (!section.length) return html;
  section.remove();
  place($, section, position);
  return $.html();
}

/** The content with the clause's section holding `body` (and its version and title, when given); unchanged when it has no section. */
export function setClauseSectionBody(html: string, clauseId: string, body: string, version?: { version: number; title: string }): string {
  const $ = parse(html);
  const section = sectionOf($, clauseId);
  if (!section.length) return html;
  section.html(body);
  if (version) section.attr('data-clause-version', String(version.version)).attr('data-label', version.title);
  return $.html();
}

/** The content without the clause's section. */
export function removeClauseSection(html: string, clauseId: string): string {
  const $ = parse(html);
  const section = sectionOf($, clauseId);
  if (!section.length) return html;
  section.remove();
  return $.html();
}
