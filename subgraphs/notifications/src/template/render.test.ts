import { describe, expect, it } from 'vitest';
import { DIGEST_TEMPLATE, GENERIC_TEMPLATE, SAMPLE_DIGEST, SAMPLE_NOTIFICATION, SYSTEM_TEMPLATES } from './defaults.js';
import { renderEmail, templateProblems } from './render.js';

describe('e-mail templates', () => {
  it('escape values in the HTML body only', () => {
    const rendered = renderEmail({ subject: 'Re: {{title}}', html: '<p>{{title}}</p>', text: '{{title}}' }, { title: '<script>"x" & y</script>' });
    expect(rendered).toEqual({
      subject: 'Re: <script>"x" & y</script>',
      html: '<p>&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;</p>',
      text: '<script>"x" & y</script>',
    });
  });

  it('keep the subject on one line', () => {
    expect(renderEmail({ subject: '{{title}}\n  again', html: 'x', text: 'x' }, { title: 'A\nB' }).subject).toBe('A B again');
  });

  it('refuse bad syntax, unknown helpers, partials and prototype access', () => {
    expect(templateProblems({ subject: '{{#each}}', html: '{{lookup}}', text: '{{> footer}}' }, SAMPLE_NOTIFICATION).map((p) => p.part)).toEqual([
      'subject',
      'html',
      'text',
    ]);
    expect(templateProblems({ subject: '{{uppercase title}}', html: 'ok', text: 'ok' }, SAMPLE_NOTIFICATION)[0]!.message).toMatch(/uppercase/);
    expect(renderEmail({ subject: '{{constructor.name}}', html: 'x', text: '{{__proto__}}' }, SAMPLE_NOTIFICATION)).toMatchObject({ subject: '', text: '' });
  });

  it('ship valid system templates', () => {
    for (const template of [GENERIC_TEMPLATE, ...Object.values(SYSTEM_TEMPLATES)]) expect(templateProblems(template, SAMPLE_NOTIFICATION)).toEqual([]);
    expect(templateProblems(DIGEST_TEMPLATE, SAMPLE_DIGEST)).toEqual([]);
    expect(renderEmail(DIGEST_TEMPLATE, { ...SAMPLE_DIGEST, count: 1, one: true, notifications: [SAMPLE_NOTIFICATION] }).subject).toBe(
      'Your daily digest: 1 notification',
    );
  });
});
