import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clauseSectionIds, insertClauseSection, moveClauseSection, removeClauseSection, setClauseSectionBody } from './clause-sections.js';

const INTRO = '<h1>Agreement</h1><p>Between us &amp; them.</p>';
const section = (clauseId: string, body = `<p>${clauseId} text</p>`) => ({ clauseId, title: `Clause "${clauseId}" <b>`, version: 1, body });
/** The content with its clause sections taken out: what the functions must never touch. */
const withoutClauses = (html: string) => clauseSectionIds(html).reduce(removeClauseSection, html);

describe('clause sections', () => {
  it('are inserted after the content (then among each other), moved, given a body and removed', () => {
    let html = insertClauseSection(INTRO, section('a'), 0);
    expect(html).toBe(`${INTRO}<section data-field="clause:a" data-label="Clause &quot;a&quot; <b>" data-clause-version="1"><p>a text</p></section>`);
    html = insertClauseSection(html, section('b'), 5);
    html = insertClauseSection(html, section('c'), 0);
    expect(clauseSectionIds(html)).toEqual(['c', 'a', 'b']);
    html = moveClauseSection(html, 'c', 2);
    expect(clauseSectionIds(html)).toEqual(['a', 'b', 'c']);
    html = setClauseSectionBody(html, 'b', '<p>New <em>b</em></p>', { version: 3, title: 'B' });
    expect(html).toContain('<section data-field="clause:b" data-label="B" data-clause-version="3"><p>New <em>b</em></p></section>');
    html = removeClauseSection(html, 'a');
    expect(clauseSectionIds(html)).toEqual(['b', 'c']);
    expect(withoutClauses(html)).toBe(INTRO);
    // A clause without a section leaves the content as it was.
    expect(moveClauseSection(html, 'zz', 0)).toBe(html);
    expect(removeClauseSection(html, 'zz')).toBe(html);
  });

  it('keep sections nested in the content in place and ignore other data-field sections', () => {
    const html = '<div><section data-field="price">€10</section><section data-field="clause:x"><p>X</p></section></div><p>After</p>';
    expect(clauseSectionIds(html)).toEqual(['x']);
    const inserted = insertClauseSection(html, section('y'), 0);
    expect(inserted.startsWith('<div><section data-field="price">€10</section><section data-field="clause:y"')).toBe(true);
    expect(clauseSectionIds(inserted)).toEqual(['y', 'x']);
  });

  it('follow a list model through any sequence of inserts, moves and removals, leaving the rest of the content untouched', () => {
    type Op = { kind: 'insert' | 'move' | 'remove'; id: string; position: number };
    const op = fc.record({
      kind: fc.constantFrom('insert', 'move', 'remove'),
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      position: fc.nat(6),
    }) as fc.Arbitrary<Op>;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        let html = INTRO;
        let model: string[] = [];
        for (const { kind, id, position } of ops) {
          const at = Math.min(position, model.includes(id) ? model.length - 1 : model.length);
          if (kind === 'insert' && !model.includes(id)) {
            html = insertClauseSection(html, section(id), position);
            model.splice(at, 0, id);
          } else if (kind === 'move' && model.includes(id)) {
            html = moveClauseSection(html, id, position);
            model = model.filter((other) => other !== id);
            model.splice(at, 0, id);
          } else if (kind === 'remove') {
            html = removeClauseSection(html, id);
            model = model.filter((other) => other !== id);
          }
          expect(clauseSectionIds(html)).toEqual(model);
        }
        expect(withoutClauses(html)).toBe(INTRO);
      }),
      { numRuns: 60 },
    );
  });
});
