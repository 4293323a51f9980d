import { lazy, Suspense, type ComponentType } from 'react';
import type { ModuleDefinition, WidgetSlot } from '../../app/registry';
import { Loading } from '../../ui/states';
import { AccountAvatar } from './AccountAvatar';

// The widget and the settings page are one lazy chunk; the shell carries the top bar's avatar only.
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

/** Files: the Attachments widget on other modules' pages, and avatars (the top bar, Settings → Avatar). */
export const filesModule: ModuleDefinition = {
  subgraph: 'files',
  widgets: WIDGET_SLOTS.map((slot) => ({ slot, title: 'Attachments', component: AttachmentsWidget, order: 40 })),
  accountAvatar: AccountAvatar,
  settings: [{ label: 'Avatar', path: 'avatar', element: AvatarSettingsPage }],
};
