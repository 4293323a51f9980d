import { load } from 'cheerio';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_LENGTH, sanitizeContent } from './content-html.js';

describe('document content sanitizer', () => {
  it('keeps sections with data-field, track-changes marks and ordinary formatting as they are', () => {
    const html =
      '<section data-field="scope" data-label="Scope"><h2>Scope</h2><p>We deliver <strong>four</strong> posts' +
      '<span data-inserted="c1" data-author="u1"> a week</span><span data-deleted="c2"> monthly</span>.</p>' +
      '<ul><li>One</li></ul><table><tbody><tr><td colspan="2">Fee</td></tr></tbody></table></section>';
    expect(sanitizeContent(html)).toBe(html);
    expect(sanitizeContent('<p><ins data-inserted="c3">new</ins><del data-deleted="c4">old</del></p>')).toBe(
      '<p><ins data-inserted="c3">new</ins><del data-deleted="c4">old</del></p>',
    );
  });

  it.each([
    ['<p>Hi<script>alert(1)</script></p>', '<p>Hi</p>'],
    ['<script src="https://evil.example/x.js"></script><p>ok</p>', '<p>ok</p>'],
    ['<img src=x onerror="alert(1)"><p>after</p>', '<p>after</p>'],
    ['<p onclick="steal()" onmouseover="x()" style="color:red" class="c" id="i">text</p>', '<p>text</p>'],
    ['<a href="javascript:alert(1)">link</a>', '<a>link</a>'],
    ['<a href=" JaVaScRiPt:alert(1)">link</a>', '<a>link</a>'],
    ['<a href="java&#x09;script:alert(1)">link</a>', '<a>link</a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">link</a>', '<a>link</a>'],
    ['<a href="https://example.com/terms" target="_blank">terms</a>', '<a href="https://example.com/terms" rel="noopener noreferrer nofollow">terms</a>'],
    ['<a href="mailto:legal@example.com">mail</a>', '<a href="mailto:legal@example.com" rel="noopener noreferrer nofollow">mail</a>'],
    ['<style>p{}</style><p>styled</p>', '<p>styled</p>'],
    ['<iframe src="https://evil.example"></iframe><svg onload="x()"><circle/></svg><p>x</p>', '<p>x</p>'],
    ['<p>a<!-- secret --></p><![CDATA[x]]>', '<p>a</p>'],
    ['<custom-element data-field="x">kept text</custom-element>', 'kept text'],
    ['<form action="/steal"><input name="p"><button>Go</button></form><p>f</p>', '<p>f</p>'],
    ['<p>unclosed <b>bold <i>both</p>', '<p>unclosed <b>bold <i>both</i></b></p>'],
    ['<b><p>misnested</b></p>', '<b></b><p><b>misnested</b></p>'],
    ['<div><div><div><span>deep</span></div></div></div>', '<div><div><div><span>deep</span></div></div></div>'],
    ['<p title="a&quot; onmouseover=&quot;x()">quoted</p>', '<p title="a&quot; onmouseover=&quot;x()">quoted</p>'],
    ['<p data-field="x" data-Evil="y" data-="z" data-1="w">d</p>', '<p data-field="x" data-evil="y">d</p>'],
    ['<noscript><p>hidden</p></noscript><template><p>t</p></template>', ''],
  ])('cleans %s', (input, output) => {
    expect(sanitizeContent(input)).toBe(output);
  });

  it('is idempotent and refuses content over the bound', () => {
    const dirty = '<section data-field="a"><p onclick="x()">One <a href="javascript:x">two</a><script>3</script></p></section>';
    const once = sanitizeContent(dirty);
    expect(sanitizeContent(once)).toBe(once);
    expect(() => sanitizeContent('x'.repeat(MAX_CONTENT_LENGTH + 1))).toThrow(/at most/);
    expect(sanitizeContent('plain & simple <3')).toBe('plain &amp; simple &lt;3');
  });
});

describe('document content sanitizer, on generated HTML', () => {
  const tags = ['p', 'section', 'span', 'a', 'script', 'img', 'style', 'iframe', 'svg', 'b', 'custom-x', 'td', 'ins', 'del'];
  const attributes = ['onclick', 'onerror', 'style', 'href', 'src', 'data-field', 'data-inserted', 'class', 'title', 'formaction'];
  const values = ['javascript:alert(1)', ' JAVASCRIPT:x', 'https://example.com', 'x" onload="y', '#top', 'data:text/html,x', 'plain'];
  const fragment: fc.Arbitrary<string> = fc.letrec<{ html: string }>((tie) => ({
    html: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('text', '<', '>', '&', '<!-- c -->', '</p>', '<br>', '"'),
      fc
        .tuple(
          fc.constantFrom(...tags),
          fc.array(fc.tuple(fc.constantFrom(...attributes), fc.constantFrom(...values)), { maxLength: 3 }),
          fc.array(tie('html'), { maxLength: 3 }),
          fc.boolean(),
        )
        .map(
          ([tag, attrs, children, closed]) =>
            `<${tag}${attrs.map(([name, value]) => ` ${name}="${value}"`).join('')}>${children.join('')}${closed ? `</${tag}>` : ''}`,
        ),
    ),
  })).html;

  it('never keeps code, handlers, styles or unsafe links, and cleaning twice changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 4 }), (parts) => {
        const clean = sanitizeContent(parts.join(''));
        const $ = load(clean, null, false);
        for (const element of $('*').toArray()) {
          if (!('attribs' in element)) continue;
          expect(['script', 'img', 'style', 'iframe', 'svg', 'custom-x']).not.toContain(element.tagName);
          for (const [name, value] of Object.entries(element.attribs)) {
            expect(name).toMatch(/^(data-[a-z][a-z0-9-]*|title|lang|dir|href|rel|colspan|rowspan|scope|start|type|span)$/);
            if (name === 'href') expect(value).toMatch(/^(https?:|mailto:|#)/);
          }
        }
        expect(sanitizeContent(clean)).toBe(clean);
      }),
      { numRuns: 100 },
    );
  });
});
