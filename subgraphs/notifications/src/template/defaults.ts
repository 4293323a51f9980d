import type { EmailTemplateSource } from './render.js';

/*
 * The system's e-mail templates (Handlebars). An organization overrides any of them with
 * notificationTemplateSet; the most specific of its overrides wins over the system's.
 *
 * Variables of a notification e-mail: title, body, event, subjectType, subjectId (global id),
 * actorId (global User id or empty), notificationId (global id), createdAt (ISO 8601).
 * Variables of a digest: frequency ("hourly" or "daily"), count, notifications (each with the
 * variables above).
 */

const layout = (content: string) =>
  `<!doctype html><html><body style="font-family: sans-serif; color: #1f2328;">${content}<p style="color: #656d76; font-size: 12px;">You receive this because of your notification preferences.</p></body></html>`;

/** Any notification without a template of its own. */
export const GENERIC_TEMPLATE: EmailTemplateSource = {
  subject: '{{title}}',
  html: layout('<h2>{{title}}</h2>{{#if body}}<p>{{body}}</p>{{/if}}'),
  text: '{{title}}\n\n{{#if body}}{{body}}\n{{/if}}',
};

/** System templates by event type. */
export const SYSTEM_TEMPLATES: Readonly<Record<string, EmailTemplateSource>> = {
  'task.assigned': {
    subject: 'Assigned to you: {{title}}',
    html: layout('<h2>A task is yours now</h2><p>{{title}}</p>{{#if body}}<p>{{body}}</p>{{/if}}'),
    text: 'A task is yours now.\n\n{{title}}\n{{#if body}}{{body}}\n{{/if}}',
  },
  'user.mentioned': {
    subject: 'You were mentioned: {{title}}',
    html: layout('<h2>Someone mentioned you</h2><p>{{title}}</p>{{#if body}}<blockquote>{{body}}</blockquote>{{/if}}'),
    text: 'Someone mentioned you.\n\n{{title}}\n{{#if body}}{{body}}\n{{/if}}',
  },
  'automation.notification_requested': {
    subject: '{{title}}',
    html: layout('<h2>{{title}}</h2>{{#if body}}<p>{{body}}</p>{{/if}}<p style="color: #656d76;">Sent by a board automation.</p>'),
    text: '{{title}}\n\n{{#if body}}{{body}}\n\n{{/if}}Sent by a board automation.\n',
  },
};

/** The digest of hourly and daily e-mail. */
export const DIGEST_TEMPLATE: EmailTemplateSource = {
  subject: 'Your {{frequency}} digest: {{count}} notification{{#unless one}}s{{/unless}}',
  html: layout('<h2>Your {{frequency}} digest</h2><ul>{{#each notifications}}<li><strong>{{title}}</strong>{{#if body}} — {{body}}{{/if}}</li>{{/each}}</ul>'),
  text: 'Your {{frequency}} digest\n\n{{#each notifications}}- {{title}}{{#if body}}: {{body}}{{/if}}\n{{/each}}',
};

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
};
export const SAMPLE_DIGEST = { frequency: 'daily', count: 2, one: false, notifications: [SAMPLE_NOTIFICATION, SAMPLE_NOTIFICATION] };
