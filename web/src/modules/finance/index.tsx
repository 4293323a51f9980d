import { lazy, Suspense } from 'react';
import type { ModuleDefinition } from '../../app/registry';
import { Loading } from '../../ui/states';
import { moduleMessages as m } from './moduleMessages';

// Pages are one lazy chunk: the shell only carries this file.
const pages = () => import('./pages');

/** The registry takes plain labels: each is read, in the reader's language, whenever the shell renders it. */

const ContactInvoicesLazy = lazy(() => pages().then((module) => ({ default: module.ContactInvoicesWidget })));

export const financeModule: ModuleDefinition = {
  subgraph: 'finance',
  navigation: [
    {
      label: m.navigation,
      path: '/finance/invoices',
      icon: '¤',
      order: 40,
    },
  ],
  routes: [
    { path: '/finance', lazy: async () => ({ Component: (await pages()).InvoicesPage }) },
    { path: '/finance/invoices', lazy: async () => ({ Component: (await pages()).InvoicesPage }) },
    { path: '/finance/invoices/:invoiceId', lazy: async () => ({ Component: (await pages()).InvoicePage }) },
    { path: '/finance/expenses', lazy: async () => ({ Component: (await pages()).ExpensesPage }) },
    { path: '/finance/reports', lazy: async () => ({ Component: (await pages()).ReportsPage }) },
  ],
  // Invoice e-mails link here (finance's APP_URL/invoice?token=…): the customer needs no account.
  publicRoutes: [{ path: '/invoice', lazy: async () => ({ Component: (await pages()).PublicInvoicePage }) }],
  widgets: [
    {
      slot: 'contact.profile',
      title: m.invoicesWidget,
      order: 30,
      component: ({ objectId }) => (
        <Suspense fallback={<Loading />}>
          <ContactInvoicesLazy objectId={objectId} />
        </Suspense>
      ),
    },
  ],
  commands: [
    {
      id: 'finance:new-invoice',
      label: m.newInvoice,
      group: 'Create',
      keywords: ['invoice', 'bill', 'finance'],
      path: '/finance/invoices/new',
    },
    {
      id: 'finance:invoices',
      label: m.goToInvoices,
      group: 'Navigate',
      keywords: ['invoices', 'finance', 'billing'],
      path: '/finance/invoices',
    },
    {
      id: 'finance:submit-expense',
      label: m.submitExpense,
      group: 'Create',
      keywords: ['expense', 'receipt'],
      path: '/finance/expenses?new=1',
    },
    {
      id: 'finance:expenses',
      label: m.goToExpenses,
      group: 'Navigate',
      keywords: ['expenses', 'receipts'],
      path: '/finance/expenses',
    },
    {
      id: 'finance:reports',
      label: m.goToReports,
      group: 'Navigate',
      keywords: ['reports', 'revenue', 'profit', 'loss', 'aging', 'receivables', 'charts'],
      path: '/finance/reports',
    },
  ],
};
