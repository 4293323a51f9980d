import { load } from 'cheerio';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyFieldValues,
  asHtmlText,
  collapseChanges,
  compareFields,
  decideAllMarks,
  decideMark,
  fieldValue,
  identifyMarks,
  marksOf,
  readFields,
  renderRedline,
} from './index.js';
import { elementsOf } from './html.js';

const CONTRACT =
  '<h1>Agreement</h1><p>Payment within <span data-field="payment_terms" data-label="Payment terms">30 days</span>, ' +
  'fee <strong data-field="fee">5,000 EUR</strong>.</p><p data-field="scope">Design &amp; build</p>';

const textOf = (html: string) => load(html, null, false).root().text();

describe('fields', () => {
  it('reads every data-field section as plain text, in document order', () => {
    expect([...readFields(CONTRACT)]).toEqual([
      ['payment_terms', '30 days'],
      ['fee', '5,000 EUR'],
      ['scope', 'Design & build'],
    ]);
    expect(fieldValue(CONTRACT, 'fee')).toBe('5,000 EUR');
    expect(fieldValue(CONTRACT, 'missing')).toBeNull();
  });

  it('writes values as text (never markup), records what changed and names missing fields', () => {
    const { html, edits, missing } = applyFieldValues(CONTRACT, [
      { field: 'payment_terms', value: '45 days' },
      { field: 'fee', value: '5,000 EUR' },
      { field: 'scope', value: '<img src=x onerror=alert(1)>' },
      { field: 'nope', value: 'x' },
    ]);
    expect(edits).toEqual([
      { field: 'payment_terms', oldValue: '30 days', newValue: '45 days' },
      { field: 'scope', oldValue: 'Design & build', newValue: '<img src=x onerror=alert(1)>' },
    ]);
    expect(missing).toEqual(['nope']);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(load(html, null, false)('img')).toHaveLength(0);
    expect(html).toContain('<span data-field="payment_terms" data-label="Payment terms">45 days</span>');
  });

  it('reads a field with free-text marks as if they were accepted', () => {
    expect(fieldValue('<p data-field="a">net <del data-deleted="d1-aaaaaaaa">30</del><ins data-inserted="i1-aaaaaaaa">45</ins> days</p>', 'a')).toBe(
      'net 45 days',
    );
  });
});

describe('free-text marks', () => {
  const MARKED =
    '<p data-field="body">Pay <span data-deleted="true">thirty</span><span data-inserted="true">forty-five</span> days' +
    '<ins data-inserted="keep-this-id">, net</ins>.</p>';

  it('get ids on save (TipTap writes "true"), keeping valid ones', () => {
    let next = 0;
    const html = identifyMarks(MARKED, () => `generated-${++next}`);
    expect(marksOf(html)).toEqual([
      { id: 'generated-1', kind: 'deletion', text: 'thirty', field: 'body' },
      { id: 'generated-2', kind: 'insertion', text: 'forty-five', field: 'body' },
      { id: 'keep-this-id', kind: 'insertion', text: ', net', field: 'body' },
    ]);
    expect(identifyMarks(html)).toBe(html);
  });

  it('are accepted or rejected one at a time, or all at once', () => {
    let next = 0;
    const html = identifyMarks(MARKED, () => `generated-${++next}`);
    expect(textOf(decideMark(html, 'generated-1', 'accept').html)).toBe('Pay forty-five days, net.');
    expect(textOf(decideMark(html, 'generated-1', 'reject').html)).toBe('Pay thirtyforty-five days, net.');
    expect(textOf(decideMark(html, 'keep-this-id', 'reject').html)).toBe('Pay thirtyforty-five days.');
    expect(decideMark(html, 'unknown-mark', 'accept')).toEqual({ html, found: false });
    expect(textOf(decideAllMarks(html, 'accept'))).toBe('Pay forty-five days, net.');
    expect(textOf(decideAllMarks(html, 'reject'))).toBe('Pay thirty days.');
    expect(marksOf(decideAllMarks(html, 'accept'))).toEqual([]);
  });
});

describe('redline', () => {
  const changed = applyFieldValues(CONTRACT, [
    { field: 'payment_terms', value: '45 days' },
    { field: 'fee', value: '6,000 EUR' },
  ]).html;
  const changes = [
    { id: 'c1', field: 'payment_terms', oldValue: '30 days', newValue: '60 days' },
    { id: 'c2', field: 'fee', oldValue: '5,000 EUR', newValue: '6,000 EUR' },
    { id: 'c3', field: 'payment_terms', oldValue: '60 days', newValue: '45 days' },
  ];

  it('collapses successive changes of a field to its first old and last new value', () => {
    expect(collapseChanges(changes)).toEqual([
      { id: 'c3', field: 'payment_terms', oldValue: '30 days', newValue: '45 days' },
      { id: 'c2', field: 'fee', oldValue: '5,000 EUR', newValue: '6,000 EUR' },
    ]);
    expect(collapseChanges([...changes, { id: 'c4', field: 'fee', oldValue: '6,000 EUR', newValue: '5,000 EUR' }]).map((c) => c.field)).toEqual([
      'payment_terms',
    ]);
  });

  it('shows old and new text of each changed field, or the new text alone', () => {
    expect(renderRedline(changed, changes, { includeOldText: true })).toBe(
      '<h1>Agreement</h1><p>Payment within <span data-field="payment_terms" data-label="Payment terms"><del data-deleted="c3">30 days</del>' +
        '<ins data-inserted="c3">45 days</ins></span>, fee <strong data-field="fee"><del data-deleted="c2">5,000 EUR</del>' +
        '<ins data-inserted="c2">6,000 EUR</ins></strong>.</p><p data-field="scope">Design &amp; build</p>',
    );
    const newOnly = renderRedline(changed, changes, { includeOldText: false });
    expect(newOnly).not.toContain('<del');
    expect(textOf(newOnly)).toBe(textOf(changed));
  });

  it('hides deleted free text without old text', () => {
    const html = '<p>a <del data-deleted="d-123456789">b</del><ins data-inserted="i-123456789">c</ins></p>';
    expect(renderRedline(html, [], { includeOldText: false })).toBe('<p>a <ins data-inserted="i-123456789">c</ins></p>');
    expect(renderRedline(html, [], { includeOldText: true })).toBe(html);
  });

  it('compares two versions field by field', () => {
    expect(compareFields(CONTRACT, changed)).toEqual([
      { field: 'payment_terms', from: '30 days', to: '45 days' },
      { field: 'fee', from: '5,000 EUR', to: '6,000 EUR' },
    ]);
    expect(compareFields('<p data-field="a">1</p><p data-field="b">2</p>', '<p data-field="b">2</p><p data-field="c">3</p>')).toEqual([
      { field: 'c', from: null, to: '3' },
      { field: 'a', from: '1', to: null },
    ]);
    expect(compareFields(CONTRACT, CONTRACT)).toEqual([]);
  });
});

/* Properties. */

/** Short text of the characters HTML cares about. */
const text = fc.string({ unit: fc.constantFrom(...[...'ab <>&"\'=/;x-é😀\n']), maxLength: 12 });
const segment = fc.record({ kind: fc.constantFrom('keep', 'insert', 'delete'), text: text.filter((value) => value.length > 0) });

/** A free-text edit as marked content, and the texts before and after it. */
const markedEdit = fc.array(segment, { maxLength: 8 }).map((segments) => {
  const $ = load('<p data-field="body"></p>', null, false);
  const body = $('p');
  segments.forEach((part, index) => {
    if (part.kind === 'keep') body.append($('<b></b>').text(part.text));
    else
      body.append(
        $(part.kind === 'insert' ? '<span></span>' : '<del></del>')
          .attr(part.kind === 'insert' ? 'data-inserted' : 'data-deleted', `mark-${index}-id`)
          .text(part.text),
      );
  });
  const join = (kinds: string[]) =>
    segments
      .filter((part) => kinds.includes(part.kind))
      .map((part) => part.text)
      .join('');
  return { html: $.html(), segments, before: join(['keep', 'delete']), after: join(['keep', 'insert']) };
});

const HOSTILE = fc.oneof(
  text,
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '<a href="javascript:x">x</a>', '&lt;b&gt;'),
);

describe('properties', () => {
  it('accepting every mark gives the new text, rejecting every mark the old text', () => {
    fc.assert(
      fc.property(markedEdit, ({ html, before, after }) => {
        expect(textOf(decideAllMarks(html, 'accept'))).toBe(after);
        expect(textOf(decideAllMarks(html, 'reject'))).toBe(before);
        expect(textOf(decideAllMarks(decideAllMarks(html, 'accept'), 'reject'))).toBe(after);
      }),
    );
  });

  it('deciding marks one by one, in any order, equals deciding them together', () => {
    fc.assert(
      fc.property(
        markedEdit.chain((edit) => fc.tuple(fc.constant(edit), fc.shuffledSubarray(marksOf(edit.html)), fc.boolean())),
        ([{ html, segments }, accepted, restAccepted]) => {
          let decided = html;
          const acceptedIds = new Set(accepted.map((mark) => mark.id));
          for (const mark of accepted) decided = decideMark(decided, mark.id, 'accept').html;
          decided = decideAllMarks(decided, restAccepted ? 'accept' : 'reject');
          const expected = segments
            .map((part, index) => {
              if (part.kind === 'keep') return part.text;
              const accept = acceptedIds.has(`mark-${index}-id`) || restAccepted;
              return (part.kind === 'insert') === accept ? part.text : '';
            })
            .join('');
          expect(textOf(decided)).toBe(expected);
        },
      ),
    );
  });

  it('a field value written is the value read back, whatever its characters', () => {
    fc.assert(
      fc.property(HOSTILE, (value) => {
        const { html } = applyFieldValues(CONTRACT, [{ field: 'scope', value }]);
        expect(fieldValue(html, 'scope')).toBe(asHtmlText(value));
        expect(fieldValue(html, 'fee')).toBe('5,000 EUR');
        expect(fieldValue(applyFieldValues(html, [{ field: 'scope', value: 'Design & build' }]).html, 'scope')).toBe('Design & build');
      }),
    );
  });

  it('a redline keeps new values under accept-all and old values under reject-all, and never adds markup', () => {
    const fields = fc.uniqueArray(fc.constantFrom('payment_terms', 'fee', 'scope'), { minLength: 1 });
    fc.assert(
      fc.property(fields, fc.array(HOSTILE, { minLength: 3, maxLength: 3 }), fc.boolean(), (names, values, includeOldText) => {
        const { html, edits } = applyFieldValues(
          CONTRACT,
          names.map((field, index) => ({ field, value: values[index]! })),
        );
        const rendered = renderRedline(
          html,
          edits.map((edit, index) => ({ ...edit, id: `change-${index}` })),
          { includeOldText },
        );
        const $ = load(rendered, null, false);
        // Only the content's own elements plus <ins>/<del>; no attribute beyond the content's and the marks'.
        for (const element of elementsOf($, '*')) {
          expect(['h1', 'p', 'span', 'strong', 'ins', 'del']).toContain(element.tagName);
        }
        for (const element of elementsOf($, '*')) {
          expect(Object.keys(element.attribs).every((name) => ['data-field', 'data-label', 'data-inserted', 'data-deleted'].includes(name))).toBe(true);
        }
        const accepted = decideAllMarks(rendered, 'accept');
        for (const edit of edits) expect(fieldValue(accepted, edit.field)).toBe(asHtmlText(edit.newValue));
        if (includeOldText) {
          const rejected = decideAllMarks(rendered, 'reject');
          for (const edit of edits) expect(fieldValue(rejected, edit.field)).toBe(edit.oldValue);
        }
      }),
    );
  });

  it('comparing a version with itself finds nothing; with a changed one, exactly the changed fields', () => {
    fc.assert(
      fc.property(HOSTILE, HOSTILE, (fee, scope) => {
        const { html, edits } = applyFieldValues(CONTRACT, [
          { field: 'fee', value: fee },
          { field: 'scope', value: scope },
        ]);
        expect(compareFields(html, html)).toEqual([]);
        expect(compareFields(CONTRACT, html)).toEqual(edits.map((edit) => ({ field: edit.field, from: edit.oldValue, to: edit.newValue })));
      }),
    );
  });
});
