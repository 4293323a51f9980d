import { describe, expect, it } from 'vitest';
import { translator } from '@cellgraph/kernel';
import { ALL_SYSTEM_TEMPLATES, digestWording, SAMPLE_DIGEST, SAMPLE_NOTIFICATION, systemDigestTemplate } from './defaults.js';
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

  it('ship valid system templates in every language', () => {
    for (const { generic, byEvent, digest } of ALL_SYSTEM_TEMPLATES) {
      for (const template of [generic, ...Object.values(byEvent)]) expect(templateProblems(template, SAMPLE_NOTIFICATION)).toEqual([]);
      expect(templateProblems(digest, SAMPLE_DIGEST)).toEqual([]);
    }
    const one = (locale: string) => {
      const reader = translator(locale);
      return renderEmail(systemDigestTemplate(reader), { ...SAMPLE_DIGEST, ...digestWording(reader, 'daily', 1), notifications: [SAMPLE_NOTIFICATION] })
        .subject;
    };
    expect(one('en-US')).toBe('Your daily digest: 1 notification');
    expect(one('de-DE')).toBe('Ihre tägliche Zusammenfassung: 1 Benachrichtigung');
  });
});
