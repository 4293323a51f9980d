import { definedCatalogs, LANGUAGES } from '@cellgraph/kernel/i18n';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

// Every catalog of the web app, loaded by its messages.ts files.
import.meta.glob(['../**/messages.ts'], { eager: true });

type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }>; children?: Node[] };

/** The argument names a message uses (its placeholders, plural and select arguments). */
function argumentsOf(nodes: readonly Node[], names = new Set<string>()): Set<string> {
  for (const node of nodes) {
    // Literal (0) and pound (7) carry no argument; tags (8) only children.
    if (node.type !== 0 && node.type !== 7 && node.type !== 8 && node.value) names.add(node.value);
    for (const option of Object.values(node.options ?? {})) argumentsOf(option.value, names);
    if (node.children) argumentsOf(node.children, names);
  }
  return names;
}

describe('the web app’s catalogs', () => {
  const web = [...definedCatalogs()].filter(([namespace]) => namespace.startsWith('web.'));

  it('are loaded', () => {
    expect(web.length).toBeGreaterThan(5);
  });

  it('parse in every language, with the same arguments as in English', () => {
    for (const [, messages] of web) {
      for (const message of Object.values(messages)) {
        const english = [...argumentsOf(new IntlMessageFormat(message.translations.en, 'en').getAst() as Node[])].sort();
        for (const language of LANGUAGES) {
          const names = [...argumentsOf(new IntlMessageFormat(message.translations[language], language).getAst() as Node[])].sort();
          expect({ id: message.id, language, names }).toEqual({ id: message.id, language, names: english });
        }
      }
    }
  });
});
