import Handlebars from 'handlebars';

/** An e-mail template: Handlebars sources of the subject, the HTML body and the text body. */
export interface EmailTemplateSource {
  subject: string;
  html: string;
  text: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Templates may use the built-in helpers (if, unless, each, with, lookup) and nothing else. */
const COMPILE_OPTIONS = { knownHelpersOnly: true, strict: false } as const;

const handlebars = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate>();
const MAX_CACHED = 500;

function compiled(source: string, escape: boolean): Handlebars.TemplateDelegate {
  const key = `${escape ? 'h' : 't'}:${source}`;
  let template = cache.get(key);
  if (!template) {
    template = handlebars.compile(source, { ...COMPILE_OPTIONS, noEscape: !escape });
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, template);
  }
  return template;
}

/** Renders a template: HTML-escaped values in the HTML body, raw text in the subject and text body. */
export function renderEmail(template: EmailTemplateSource, variables: Record<string, unknown>): RenderedEmail {
  const render = (source: string, escape: boolean) =>
    compiled(source, escape)(variables, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  return {
    subject: render(template.subject, false).replace(/\s+/g, ' ').trim().slice(0, 500),
    html: render(template.html, true),
    text: render(template.text, false),
  };
}

/**
 * The problems of a template's parts, by part (empty when it is valid): its syntax, helpers other
 * than the built-in ones, and a trial rendering with `sample` (partials do not exist, for one).
 */
export function templateProblems(template: EmailTemplateSource, sample: Record<string, unknown>): { part: keyof EmailTemplateSource; message: string }[] {
  const problems: { part: keyof EmailTemplateSource; message: string }[] = [];
  for (const part of ['subject', 'html', 'text'] as const) {
    try {
      handlebars.precompile(template[part], COMPILE_OPTIONS);
      compiled(template[part], part === 'html')(sample);
    } catch (error) {
      problems.push({ part, message: firstLine((error as Error).message) });
    }
  }
  return problems;
}

const firstLine = (message: string) =>
  message
    .split('\n')
    .find((line) => line.trim())
    ?.trim()
    .slice(0, 300) ?? 'Invalid template';
