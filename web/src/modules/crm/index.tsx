import { lazy, Suspense } from 'react';
import type { ModuleDefinition } from '../../app/registry';
import { Loading } from '../../ui/states';
import { crmSearch } from './search';
import { shellMessages as m } from './shellMessages';

// The pages are one lazily loaded chunk (pages.ts): the app's first load carries only this file.
const loadPages = () => import('./pages');

const ContactQuickViewLazy = lazy(() => loadPages().then((pages) => ({ default: pages.ContactQuickView })));
const DealQuickViewLazy = lazy(() => loadPages().then((pages) => ({ default: pages.DealQuickView })));
const DealsForecastWidgetLazy = lazy(() => loadPages().then((pages) => ({ default: pages.DealsForecastWidget })));
const NewContactsWidgetLazy = lazy(() => loadPages().then((pages) => ({ default: pages.NewContactsWidget })));

// Labels are getters: the shell reads them as it renders, in the reader's language of the moment.

const contactPath = (id: string) => `/crm/contacts/${encodeURIComponent(id)}`;
const dealPath = (id: string) => `/crm/deals/${encodeURIComponent(id)}`;

export const crmModule: ModuleDefinition = {
  subgraph: 'crm',
  navigation: [
    {
      label: m.navContacts,
      path: '/crm/contacts',
      icon: '☺',
      order: 20,
    },
    {
      label: m.navDeals,
      path: '/crm/pipeline',
      icon: '$',
      order: 21,
    },
  ],
  routes: [
    { path: '/crm/contacts', lazy: async () => ({ Component: (await loadPages()).ContactsPage }) },
    { path: '/crm/contacts/:contactId', lazy: async () => ({ Component: (await loadPages()).ContactProfilePage }) },
    { path: '/crm/pipeline', lazy: async () => ({ Component: (await loadPages()).PipelinePage }) },
    { path: '/crm/deals/:dealId', lazy: async () => ({ Component: (await loadPages()).DealPage }) },
    { path: '/crm/forecast', lazy: async () => ({ Component: (await loadPages()).ForecastPage }) },
  ],
  commands: [
    {
      id: 'crm:new-contact',
      label: m.commandNewContact,
      group: 'Create',
      keywords: ['lead', 'client', 'person', 'company', 'crm'],
      path: '/crm/contacts?new=1',
    },
    {
      id: 'crm:new-deal',
      label: m.commandNewDeal,
      group: 'Create',
      keywords: ['opportunity', 'sale', 'crm'],
      path: '/crm/pipeline?new=1',
    },
    {
      id: 'crm:forecast',
      label: m.commandForecast,
      group: 'Navigate',
      keywords: ['pipeline', 'weighted', 'revenue'],
      path: '/crm/forecast',
    },
  ],
  search: crmSearch,
  widgets: [
    {
      slot: 'home',
      title: m.widgetDealsForecast,
      order: 20,
      component: () => (
        <Suspense fallback={<Loading />}>
          <DealsForecastWidgetLazy />
        </Suspense>
      ),
    },
    {
      slot: 'home',
      title: m.widgetNewContacts,
      order: 21,
      component: () => (
        <Suspense fallback={<Loading />}>
          <NewContactsWidgetLazy />
        </Suspense>
      ),
    },
  ],
  quickViews: [
    {
      typename: 'Contact',
      path: contactPath,
      component: ({ id }) => (
        <Suspense fallback={<Loading />}>
          <ContactQuickViewLazy id={id} />
        </Suspense>
      ),
    },
    {
      typename: 'Deal',
      path: dealPath,
      component: ({ id }) => (
        <Suspense fallback={<Loading />}>
          <DealQuickViewLazy id={id} />
        </Suspense>
      ),
    },
  ],
};
