import { lazy, Suspense, type ComponentType } from 'react';
import type { ModuleDefinition, WidgetSlot } from '../../app/registry';
import { Loading } from '../../ui/states';
import { notesSearch } from './search';

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

export const notesModule: ModuleDefinition = {
  subgraph: 'notes',
  navigation: [{ label: 'Notes', path: '/notes', icon: '✎', order: 30 }],
  routes: [
    { path: '/notes', lazy: async () => ({ Component: (await pages()).NotesPage }) },
    { path: '/notes/:noteId', lazy: async () => ({ Component: (await pages()).NotePage }) },
  ],
  widgets: WIDGET_SLOTS.map((slot) => ({ slot, title: 'Notes', component: NotesWidget, order: 30 })),
  commands: [
    { id: 'notes:new-note', label: 'New note', group: 'Create', keywords: ['note', 'write', 'create'], path: '/notes?new=1' },
    { id: 'notes:all-notes', label: 'Go to notes', group: 'Navigate', keywords: ['notes'], path: '/notes' },
  ],
  search: notesSearch,
  quickViews: [{ typename: 'Note', path: (id) => `/notes/${encodeURIComponent(id)}`, component: NoteQuickView }],
};
