// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { ModulesContext } from '../app/context';
import type { ModuleDefinition, SearchResult } from '../app/registry';
import { renderWithApollo, unmountAll } from '../testing/render';
import { CommandPalette } from './CommandPalette';

afterEach(() => unmountAll());

/** A module whose search answers `results` and records the words it was asked. */
function searchingModule(subgraph: string, results: SearchResult[], asked: string[], everyModule = false): ModuleDefinition {
  return {
    subgraph,
    search: {
      everyModule,
      async search(_client, text) {
        asked.push(`${subgraph}:${text}`);
        return results;
      },
    },
  };
}

async function searchFor(modules: ModuleDefinition[], text: string) {
  renderWithApollo(
    <ModulesContext.Provider value={modules}>
      <CommandPalette />
    </ModulesContext.Provider>,
    [],
  );
  fireEvent.click(await screen.findByRole('button', { name: /Search or jump to/ }));
  fireEvent.change(await screen.findByPlaceholderText('Type a command or search…'), { target: { value: text } });
}

describe('Cmd+K', () => {
  it('asks every module for its objects when the cell has no search module', async () => {
    const asked: string[] = [];
    await searchFor(
      [
        searchingModule('tasks', [{ id: 't1', typename: 'Task', title: 'Quarterly report' }], asked),
        searchingModule('crm', [{ id: 'c1', typename: 'Contact', title: 'Report Ltd' }], asked),
      ],
      'report',
    );
    await screen.findByText('Quarterly report');
    expect(screen.getByText('Report Ltd')).toBeTruthy();
    expect(asked.sort()).toEqual(['crm:report', 'tasks:report']);
  });

  it('asks the search module alone when served, and marks the searched words in titles and snippets', async () => {
    const asked: string[] = [];
    const found: SearchResult = {
      id: 'n1',
      typename: 'Note',
      title: 'Quarterly report',
      titleHighlights: [{ start: 10, length: 6 }],
      subtitle: 'Note',
      snippet: { text: 'The report is due Friday', highlights: [{ start: 4, length: 6 }] },
    };
    await searchFor([searchingModule('tasks', [], asked), searchingModule('search', [found], asked, true)], 'report');
    await waitFor(() => expect(document.querySelectorAll('.palette-item mark')).toHaveLength(2));
    expect([...document.querySelectorAll('.palette-item mark')].map((mark) => mark.textContent)).toEqual(['report', 'report']);
    expect(document.querySelector('.palette-snippet')?.textContent).toBe('The report is due Friday');
    expect(asked).toEqual(['search:report']);
  });
});
