// @vitest-environment happy-dom
import { screen } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { setReader } from '../../app/i18n';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { RichText } from './editor/RichText';
import { RichTextEditor } from './editor/RichTextEditor';
import { EMPTY_DOC } from './editor/schema';

afterEach(() => {
  unmountAll();
  setReader('en-US', Intl.DateTimeFormat().resolvedOptions().timeZone);
});

describe('notes in the reader’s language', () => {
  it('labels the editor’s toolbar and a read-only body in German, with German key names', async () => {
    setReader('de-DE', 'Europe/Berlin');
    renderWithApollo(
      <>
        <RichTextEditor label="Text" initialContent={EMPTY_DOC} onChange={() => undefined} mentionable={[]} />
        <RichText doc={{ type: 'doc', content: [{ type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [] }] }] }} />
      </>,
      [],
    );
    expect((await screen.findByRole('toolbar')).getAttribute('aria-label')).toBe('Formatierung von Text');
    expect(screen.getByRole('button', { name: 'Fett' }).getAttribute('title')).toBe('Fett (Strg/⌘+B)');
    expect(screen.getByRole('button', { name: 'Durchgestrichen' }).getAttribute('title')).toBe('Durchgestrichen (Strg/⌘+Umschalt+S)');
    expect(screen.getByRole('button', { name: 'Überschrift 2' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Erledigt' })).toBeTruthy();
  });
});
