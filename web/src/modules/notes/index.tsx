import { lazy, Suspense, type ComponentType } from 'react';
import type { ModuleDefinition, WidgetSlot } from '../../app/registry';
import { Loading } from '../../ui/states';
import { notesSearch } from './search';
import { shellMessages as m } from './shellMessages';

// Pages, the widget and the rich-text editor are one lazy chunk: the shell only carries this file.
const pages = () => import('./pages');

function lazyComponent<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyNotesComponent(props: Props) {
    return (
      <Suspense fallback={<Loading />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

const NotesWidget = lazyComponent(async () => (await pages()).NotesWidget);
const NoteQuickView = lazyComponent(async () => (await pages()).NoteQuickView);

/** The other modules' object pages that show the notes about their object. */
const WIDGET_SLOTS: WidgetSlot[] = ['task.detail', 'contact.profile', 'deal.profile'];

// Labels are getters: the shell reads them as it renders, in the reader's language of the moment.

export const notesModule: ModuleDefinition = {
  subgraph: 'notes',
  navigation: [
    {
      label: m.navNotes,
      path: '/notes',
      icon: '✎',
      order: 30,
    },
  ],
  routes: [
    { path: '/notes', lazy: async () => ({ Component: (await pages()).NotesPage }) },
    { path: '/notes/:noteId', lazy: async () => ({ Component: (await pages()).NotePage }) },
  ],
  widgets: WIDGET_SLOTS.map((slot) => ({
    slot,
    title: m.widgetNotes,
    component: NotesWidget,
    order: 30,
  })),
  commands: [
    {
      id: 'notes:new-note',
      label: m.commandNewNote,
      group: 'Create',
      keywords: ['note', 'write', 'create'],
      path: '/notes?new=1',
    },
    {
      id: 'notes:all-notes',
      label: m.commandGoToNotes,
      group: 'Navigate',
      keywords: ['notes'],
      path: '/notes',
    },
  ],
  search: notesSearch,
  quickViews: [{ typename: 'Note', path: (id) => `/notes/${encodeURIComponent(id)}`, component: NoteQuickView }],
};
