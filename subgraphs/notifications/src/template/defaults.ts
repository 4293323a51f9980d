import { defineMessages, LANGUAGES, translator, type Language, type Translator } from '@cellgraph/kernel';
import Handlebars from 'handlebars';
import type { EmailTemplateSource } from './render.js';

/*
 * The system's e-mail templates (Handlebars), one set per language: the recipient's. An
 * organization overrides any of them with notificationTemplateSet (as it writes them, in one
 * language); the most specific of its overrides wins over the system's.
 *
 * Variables of a notification e-mail: title, body (both in the recipient's language), event,
 * subjectType, subjectId (global id), actorId (global User id or empty), notificationId (global
 * id), createdAt (ISO 8601), date (createdAt in the recipient's language and time zone).
 * Variables of a digest: frequency ("hourly" or "daily"), count, one (count is 1), heading ("Your
 * daily digest") and summary ("Your daily digest: 2 notifications") in the recipient's language,
 * notifications (each with the variables above).
 */

export const emailTexts = defineMessages('notifications.email', {
  footer: {
    en: 'You receive this because of your notification preferences.',
    de: 'Sie erhalten diese Nachricht aufgrund Ihrer Benachrichtigungseinstellungen.',
  },
  assignedSubject: { en: 'Assigned to you: ', de: 'Ihnen zugewiesen: ' },
  assignedHeading: { en: 'A task is yours now', de: 'Eine Aufgabe gehört jetzt Ihnen' },
  mentionedSubject: { en: 'You were mentioned: ', de: 'Sie wurden erwähnt: ' },
  mentionedHeading: { en: 'Someone mentioned you', de: 'Jemand hat Sie erwähnt' },
  automationFooter: { en: 'Sent by a board automation.', de: 'Von einer Board-Automatisierung gesendet.' },
  digestHeading: {
    en: '{frequency, select, hourly {Your hourly digest} other {Your daily digest}}',
    de: '{frequency, select, hourly {Ihre stündliche Zusammenfassung} other {Ihre tägliche Zusammenfassung}}',
  },
  digestSummary: {
    en: '{frequency, select, hourly {Your hourly digest} other {Your daily digest}}: {count, plural, one {# notification} other {# notifications}}',
    de: '{frequency, select, hourly {Ihre stündliche Zusammenfassung} other {Ihre tägliche Zusammenfassung}}: {count, plural, one {# Benachrichtigung} other {# Benachrichtigungen}}',
  },
});

interface SystemTemplates {
  generic: EmailTemplateSource;
  byEvent: Readonly<Record<string, EmailTemplateSource>>;
  digest: EmailTemplateSource;
}

function templatesIn(language: Language): SystemTemplates {
  const reader = translator(language);
  const plain = (message: (typeof emailTexts)[keyof typeof emailTexts]) => reader.t(message);
  const html = (message: (typeof emailTexts)[keyof typeof emailTexts]) => Handlebars.Utils.escapeExpression(reader.t(message));
  const layout = (content: string) =>
    `<!doctype html><html lang="${language}"><body style="font-family: sans-serif; color: #1f2328;">${content}<p style="color: #656d76; font-size: 12px;">${html(emailTexts.footer)}</p></body></html>`;
  return {
    /** Any notification without a template of its own. */
    generic: {
      subject: '{{title}}',
      html: layout('<h2>{{title}}</h2>{{#if body}}<p>{{body}}</p>{{/if}}'),
      text: '{{title}}\n\n{{#if body}}{{body}}\n{{/if}}',
    },
    byEvent: {
      'task.assigned': {
        subject: `${plain(emailTexts.assignedSubject)}{{title}}`,
        html: layout(`<h2>${html(emailTexts.assignedHeading)}</h2><p>{{title}}</p>{{#if body}}<p>{{body}}</p>{{/if}}`),
        text: `${plain(emailTexts.assignedHeading)}.\n\n{{title}}\n{{#if body}}{{body}}\n{{/if}}`,
      },
      'user.mentioned': {
        subject: `${plain(emailTexts.mentionedSubject)}{{title}}`,
        html: layout(`<h2>${html(emailTexts.mentionedHeading)}</h2><p>{{title}}</p>{{#if body}}<blockquote>{{body}}</blockquote>{{/if}}`),
        text: `${plain(emailTexts.mentionedHeading)}.\n\n{{title}}\n{{#if body}}{{body}}\n{{/if}}`,
      },
      'automation.notification_requested': {
        subject: '{{title}}',
        html: layout(`<h2>{{title}}</h2>{{#if body}}<p>{{body}}</p>{{/if}}<p style="color: #656d76;">${html(emailTexts.automationFooter)}</p>`),
        text: `{{title}}\n\n{{#if body}}{{body}}\n\n{{/if}}${plain(emailTexts.automationFooter)}\n`,
      },
    },
    /** The digest of hourly and daily e-mail. */
    digest: {
      subject: '{{summary}}',
      html: layout('<h2>{{heading}}</h2><ul>{{#each notifications}}<li><strong>{{title}}</strong>{{#if body}} — {{body}}{{/if}}</li>{{/each}}</ul>'),
      text: '{{heading}}\n\n{{#each notifications}}- {{title}}{{#if body}}: {{body}}{{/if}}\n{{/each}}',
    },
  };
}

const SYSTEM = Object.fromEntries(LANGUAGES.map((language) => [language, templatesIn(language)])) as Record<Language, SystemTemplates>;

/** The system template of a notification e-mail about `eventType`, in the reader's language. */
export const systemTemplate = (reader: Translator, eventType: string): EmailTemplateSource =>
  SYSTEM[reader.language].byEvent[eventType] ?? SYSTEM[reader.language].generic;

/** The system template of the digest, in the reader's language. */
export const systemDigestTemplate = (reader: Translator): EmailTemplateSource => SYSTEM[reader.language].digest;

/** Every system template (each language), for the test that they all compile and render. */
export const ALL_SYSTEM_TEMPLATES = LANGUAGES.map((language) => ({ language, ...SYSTEM[language] }));

/** The digest's wording for its reader (the `heading` and `summary` variables). */
export const digestWording = (reader: Translator, frequency: string, count: number) => ({
  heading: reader.t(emailTexts.digestHeading, { frequency }),
  summary: reader.t(emailTexts.digestSummary, { frequency, count }),
});

/** Template key of the digest in an organization's overrides. */
export const DIGEST_KEY = 'digest';

/** Values to try a template with before accepting it. */
export const SAMPLE_NOTIFICATION = {
  title: 'Sample title',
  body: 'Sample body',
  event: 'task.assigned',
  subjectType: 'Task',
  subjectId: 'VGFzazowMTk',
  actorId: '',
  notificationId: 'Tm90aWZpY2F0aW9uOjA',
  createdAt: new Date(0).toISOString(),
  date: 'Jan 1, 1970, 12:00 AM',
};
export const SAMPLE_DIGEST = {
  frequency: 'daily',
  count: 2,
  one: false,
  heading: 'Your daily digest',
  summary: 'Your daily digest: 2 notifications',
  notifications: [SAMPLE_NOTIFICATION, SAMPLE_NOTIFICATION],
};
