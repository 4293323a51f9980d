import { lazy, Suspense, type ComponentType } from 'react';
import type { ModuleDefinition, WidgetSlot } from '../../app/registry';
import { Loading } from '../../ui/states';
import { AccountAvatar } from './AccountAvatar';
import { shellMessages as m } from './shellMessages';

// The Files page, the widget and the settings page are one lazy chunk; the shell carries the top bar's avatar only.
const pages = () => import('./pages');

function lazyComponent<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyFilesComponent(props: Props) {
    return (
      <Suspense fallback={<Loading />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

const AttachmentsWidget = lazyComponent(async () => (await pages()).AttachmentsWidget);
const AvatarSettingsPage = lazyComponent(async () => (await pages()).AvatarSettingsPage);

/** The object pages that show the files attached to their object. */
const WIDGET_SLOTS: WidgetSlot[] = ['task.detail', 'contact.profile', 'deal.profile', 'note.detail'];

// Labels are getters: the shell reads them as it renders, in the reader's language of the moment.

/** Files: the Files page (folders), the Attachments widget on other modules' pages, and avatars (the top bar, Settings → Avatar). */
export const filesModule: ModuleDefinition = {
  subgraph: 'files',
  navigation: [
    {
      label: m.navFiles,
      path: '/files',
      icon: '🗀',
      order: 40,
    },
  ],
  routes: [
    { path: '/files', lazy: async () => ({ Component: (await pages()).FilesPage }) },
    { path: '/files/folders/:folderId', lazy: async () => ({ Component: (await pages()).FilesPage }) },
  ],
  commands: [
    {
      id: 'files:new-folder',
      label: m.commandNewFolder,
      group: 'Create',
      keywords: ['folder', 'files', 'create'],
      path: '/files?new=1',
    },
    {
      id: 'files:all-files',
      label: m.commandGoToFiles,
      group: 'Navigate',
      keywords: ['files', 'folders', 'documents', 'uploads'],
      path: '/files',
    },
  ],
  widgets: WIDGET_SLOTS.map((slot) => ({
    slot,
    title: m.widgetAttachments,
    component: AttachmentsWidget,
    order: 40,
  })),
  accountAvatar: AccountAvatar,
  settings: [
    {
      label: m.settingsAvatar,
      path: 'avatar',
      element: AvatarSettingsPage,
    },
  ],
};
