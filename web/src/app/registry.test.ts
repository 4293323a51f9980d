import { describe, expect, it } from 'vitest';
import { ALL_MODULES } from '../modules';
import { appRoutes } from './App';
import { labelText } from './i18n';
import { enabledModules, searchProvidersOf, switchedOffModules } from './registry';

describe('enabledModules', () => {
  it('hides the modules whose module.<name> flag is off for the user', () => {
    const off = switchedOffModules([
      { key: 'module.crm', enabled: false },
      { key: 'module.tasks', enabled: true },
      { key: 'beta.reports', enabled: false },
    ]);
    expect(off).toEqual(['crm']);
    expect(enabledModules(ALL_MODULES, ['identity', 'tasks', 'crm', 'notifications'], off).map((module) => module.subgraph)).toEqual([
      'tasks',
      'notifications',
    ]);
  });

  it('keeps only the modules whose subgraph the cell serves, in the app order', () => {
    const sales = enabledModules(ALL_MODULES, ['identity', 'crm', 'collaboration', 'notifications']).map((module) => module.subgraph);
    expect(sales).toEqual(['crm', 'notifications']);
    const all = enabledModules(ALL_MODULES, ['notifications', 'identity', 'tasks', 'crm']).map((module) => module.subgraph);
    expect(all).toEqual(['tasks', 'crm', 'notifications']);
    const withNotes = enabledModules(ALL_MODULES, ['identity', 'notes', 'tasks']).map((module) => module.subgraph);
    expect(withNotes).toEqual(['tasks', 'notes']);
    const withFiles = enabledModules(ALL_MODULES, ['identity', 'files', 'notes']).map((module) => module.subgraph);
    expect(withFiles).toEqual(['notes', 'files']);
  });

  it('adds the audit log under Settings when the cell serves audit', () => {
    const withAudit = enabledModules(ALL_MODULES, ['identity', 'files', 'audit']);
    expect(withAudit.map((module) => module.subgraph)).toEqual(['files', 'audit']);
    expect(withAudit.flatMap((module) => module.settings ?? []).map((page) => page.path)).toContain('audit-log');
    expect(
      enabledModules(ALL_MODULES, ['identity', 'files'])
        .flatMap((module) => module.settings ?? [])
        .map((page) => page.path),
    ).not.toContain('audit-log');
  });

  it('gives the agency cell its documents, whose review page is public', () => {
    const agency = enabledModules(ALL_MODULES, ['identity', 'crm', 'documents', 'files', 'collaboration', 'notifications']);
    expect(agency.map((module) => module.subgraph)).toEqual(['crm', 'documents', 'files', 'notifications']);
    // Outside the signed-in layout: a reviewer has no account.
    const top = appRoutes(agency)[0]!.children!;
    expect(top.map((route) => route.path)).toContain('/review');
    expect(top.find((route) => route.path === '/review')?.children).toBeUndefined();
    expect(enabledModules(ALL_MODULES, ['identity', 'crm']).flatMap((module) => module.publicRoutes ?? [])).toEqual([]);
  });

  it('gives the billing cell its finance pages and the contact profile its invoices', () => {
    const billing = enabledModules(ALL_MODULES, ['identity', 'crm', 'collaboration', 'notifications', 'files', 'finance']);
    expect(billing.map((module) => module.subgraph)).toEqual(['crm', 'finance', 'files', 'notifications']);
    const finance = billing.find((module) => module.subgraph === 'finance')!;
    expect(finance.navigation?.map((item) => item.path)).toEqual(['/finance/invoices']);
    expect(finance.widgets?.map((widget) => [widget.slot, labelText(widget.title)])).toEqual([['contact.profile', 'Invoices']]);
    // Signed-in pages, behind the layout.
    const top = appRoutes(billing)[0]!.children!;
    expect(top.map((route) => route.path)).not.toContain('/finance/invoices');
    // The invoice page e-mailed to a customer is public: outside the signed-in layout.
    expect(top.map((route) => route.path)).toContain('/invoice');
    const shell = top.find((route) => !route.path && route.children)!.children![0]!;
    expect(shell.children!.map((route) => route.path)).toEqual(
      expect.arrayContaining(['/finance/invoices', '/finance/invoices/:invoiceId', '/finance/expenses', '/finance/reports']),
    );
    expect(enabledModules(ALL_MODULES, ['identity', 'crm', 'documents']).map((module) => module.subgraph)).not.toContain('finance');
  });

  it('serves no module to a cell of identity only', () => {
    expect(enabledModules(ALL_MODULES, ['identity'])).toEqual([]);
  });
});

describe('searchProvidersOf', () => {
  it('asks the search module alone where the cell serves it (no object listed twice), else each module', () => {
    const withSearch = enabledModules(ALL_MODULES, ['identity', 'tasks', 'crm', 'notes', 'search']);
    expect(searchProvidersOf(withSearch)).toEqual([withSearch.find((module) => module.subgraph === 'search')!.search]);
    const without = enabledModules(ALL_MODULES, ['identity', 'tasks', 'crm', 'notes']);
    const providers = searchProvidersOf(without);
    expect(providers.length).toBeGreaterThan(1);
    expect(providers.every((provider) => !provider.everyModule)).toBe(true);
  });
});
