import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runWithRequestContext, type RequestContext } from '../context/request-context.js';
import { defineMessages } from '../i18n/messages.js';
import { forbidden } from './coded-error.js';
import { UserInputError } from './user-errors.js';
import { zodMessage } from '../i18n/zod-message.js';
import { validateInput } from './validation.js';

const messages = defineMessages('kernel.validation-test', {
  colour: { en: 'A colour as #RRGGBB', de: 'Eine Farbe als #RRGGBB' },
});

const schema = z.object({ name: z.string().min(3), colour: z.string().regex(/^#[0-9a-f]{6}$/, zodMessage(messages.colour)) });

const reader = (locale?: string): RequestContext => ({ requestId: 'r', principal: { kind: 'anonymous' }, ...(locale ? { locale } : {}) });

function failures(locale?: string): string[] {
  try {
    runWithRequestContext(reader(locale), () => validateInput(schema, { name: 'a', colour: 'red' }, 'TEST_INVALID'));
  } catch (error) {
    return (error as UserInputError).errors.map((each) => String(each.message));
  }
  throw new Error('accepted');
}

describe('validation in the reader’s language', () => {
  it('answers zod’s own messages and catalog messages in English by default', () => {
    const [tooShort, colour] = failures();
    expect(tooShort).toMatch(/too small/i);
    expect(colour).toBe('A colour as #RRGGBB');
  });

  it('answers them in German for a German reader', () => {
    const [tooShort, colour] = failures('de-DE');
    expect(tooShort).toMatch(/zu klein|zu kurz/i);
    expect(colour).toBe('Eine Farbe als #RRGGBB');
  });

  it('renders top-level errors in the reader’s language', () => {
    expect(runWithRequestContext(reader('de'), () => forbidden()).message).toBe('Sie haben keine Berechtigung dafür');
    expect(forbidden().message).toBe('You do not have permission to do this');
  });
});
