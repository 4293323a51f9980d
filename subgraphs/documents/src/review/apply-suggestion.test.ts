import { load } from 'cheerio';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySuggestion } from './apply-suggestion.js';

const sectionText = (html: string, section: string) => load(html, null, false)(`[data-field="${section}"]`).text();

describe('applySuggestion', () => {
  const html = '<h1 data-field="title">Agreement</h1><p data-field="fee">The fee is <b>500 EUR</b> per month.</p>';

  it('replaces the text inside the named section only, keeping the markup', () => {
    expect(applySuggestion(html, 'fee', '500 EUR', '450 EUR')).toBe(
      '<h1 data-field="title">Agreement</h1><p data-field="fee">The fee is <b>450 EUR</b> per month.</p>',
    );
    expect(applySuggestion(html, 'fee', 'per month', 'per quarter')).toContain('<b>500 EUR</b> per quarter.');
  });

  it('answers null for a missing section or text no longer there', () => {
    expect(applySuggestion(html, 'term', '500 EUR', '450 EUR')).toBeNull();
    expect(applySuggestion(html, 'title', '500 EUR', '450 EUR')).toBeNull();
  });

  it('treats suggested text as text, never as markup', () => {
    const changed = applySuggestion(html, 'title', 'Agreement', '<script>alert(1)</script>')!;
    expect(load(changed, null, false)('script')).toHaveLength(0);
    expect(sectionText(changed, 'title')).toBe('<script>alert(1)</script>');
  });

  it('round trips: applying a suggestion and then its inverse gives the section its text back', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9 ,.&<>]{1,20}$/);
    fc.assert(
      fc.property(word, word, word, word, (before, original, after, suggested) => {
        fc.pre(!before.includes(original) && !before.includes(suggested)); // else the first occurrence is elsewhere
        const escape = (text: string) => load('<p></p>', null, false)('p').text(text).html()!;
        const doc = `<p data-field="s">${escape(before)}<i>${escape(original)}</i>${escape(after)}</p>`;
        const changed = applySuggestion(doc, 's', original, suggested)!;
        expect(sectionText(changed, 's')).toBe(before + suggested + after);
        const back = applySuggestion(changed, 's', suggested, original)!;
        expect(sectionText(back, 's')).toBe(before + original + after);
      }),
    );
  });
});
