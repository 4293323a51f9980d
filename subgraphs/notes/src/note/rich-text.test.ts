import { toGlobalId, uuidv7 } from '@cellgraph/kernel';
import { describe, expect, it } from 'vitest';
import { excerptOf, MAX_DEPTH, mentionedUsers, plainText, RichTextError, sanitizeDoc } from './rich-text.js';

const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (value: string, marks?: unknown[]) => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const doc = (...content: unknown[]) => ({ type: 'doc', content });

describe('sanitizeDoc', () => {
  it('keeps every allowed node, mark and attribute as it is', () => {
    const userId = toGlobalId('User', uuidv7());
    const input = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Title', [{ type: 'bold' }])] },
      paragraph(text('see ', [{ type: 'italic' }]), text('here', [{ type: 'link', attrs: { href: 'https://example.com/a' } }]), { type: 'hardBreak' }),
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('one', [{ type: 'strike' }, { type: 'underline' }]))] }] },
      { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [paragraph(text('three', [{ type: 'code' }]))] }] },
      { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [paragraph(text('done'))] }] },
      { type: 'blockquote', content: [paragraph(text('quoted'))] },
      { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1;')] },
      { type: 'horizontalRule' },
      paragraph({ type: 'mention', attrs: { id: userId, label: 'Ada' } }, text(' mailto', [{ type: 'link', attrs: { href: 'mailto:ada@example.com' } }])),
    );
    expect(sanitizeDoc(input)).toEqual(input);
  });

  it('drops unknown nodes and marks, script-like attributes and unsafe links', () => {
    const dirty = doc(
      { type: 'script', content: [text('alert(1)')] },
      {
        type: 'paragraph',
        attrs: { onclick: 'alert(1)', style: 'x' },
        content: [text('a', [{ type: 'link', attrs: { href: 'javascript:alert(1)', onmouseover: 'x' } }])],
      },
      paragraph(text('b', [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(1)' } }, { type: 'blink' }])),
      paragraph(text('c', [{ type: 'link', attrs: { href: 'data:text/html;base64,PHNjcmlwdD4=' } }])),
      { type: 'image', attrs: { src: 'https://evil.example/x.png' } },
      { type: 'heading', attrs: { level: 9, class: 'x' }, content: [text('h')] },
      { type: 'codeBlock', attrs: { language: '"><script>' }, content: [text('x')] },
      paragraph({ type: 'mention', attrs: { id: 'not-a-user', label: 'x' } }, { type: 'text', text: 42 }, { type: 'text', text: 'ok', extra: '<b>' }),
      { type: 'doc', content: [paragraph(text('nested doc'))] },
      '<script>alert(1)</script>',
      null,
    );
    expect(sanitizeDoc(dirty)).toEqual(
      doc(
        paragraph(text('a')),
        paragraph(text('b')),
        paragraph(text('c')),
        { type: 'heading', attrs: { level: 1 }, content: [text('h')] },
        { type: 'codeBlock', attrs: { language: null }, content: [text('x')] },
        paragraph(text('ok')),
      ),
    );
  });

  it('refuses what is not a document, too large or too deep', () => {
    expect(() => sanitizeDoc({ type: 'paragraph' })).toThrow(RichTextError);
    expect(() => sanitizeDoc('<p>hi</p>')).toThrow(RichTextError);
    expect(() => sanitizeDoc(doc(paragraph(text('x'.repeat(300 * 1024)))))).toThrow(/larger than 256 KiB/);
    let deep: unknown = text('bottom');
    for (let level = 0; level < MAX_DEPTH + 5; level += 1) deep = { type: 'blockquote', content: [deep] };
    expect(() => sanitizeDoc(doc(deep))).toThrow(/deeper than 20/);
    // Far deeper than the stack allows JSON.stringify to walk: refused as too deep, not a crash.
    let hostile: unknown = text('bottom');
    for (let level = 0; level < 100_000; level += 1) hostile = { type: 'paragraph', content: [hostile] };
    expect(() => sanitizeDoc(doc(hostile))).toThrow(/deeper than 20/);
    let fine: unknown = text('bottom');
    for (let level = 0; level < MAX_DEPTH - 2; level += 1) fine = { type: 'blockquote', content: [fine] };
    expect(() => sanitizeDoc(doc(fine))).not.toThrow();
  });
});

describe('plain text and mentions', () => {
  it('projects blocks to lines, mentions to @label, and lists each mentioned user once', () => {
    const ada = uuidv7();
    const body = sanitizeDoc(
      doc(
        { type: 'heading', attrs: { level: 1 }, content: [text('Plan')] },
        paragraph(text('Ask '), { type: 'mention', attrs: { id: toGlobalId('User', ada), label: 'Ada' } }, text(' about it')),
        paragraph({ type: 'mention', attrs: { id: toGlobalId('User', ada), label: 'Ada' } }),
      ),
    );
    expect(plainText(body)).toBe('Plan\nAsk @Ada about it\n@Ada');
    expect(mentionedUsers(body)).toEqual([ada]);
    expect(excerptOf('a'.repeat(300))).toHaveLength(200);
    expect(excerptOf('one\n two')).toBe('one two');
  });
});
