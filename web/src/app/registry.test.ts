import { describe, expect, it } from 'vitest';
import { ALL_MODULES } from '../modules';
import { appRoutes } from './App';
import { enabledModules } from './registry';

describe('enabledModules', () => {
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

  it('gives the agency cell its documents, whose review page is public', () => {
    const agency = enabledModules(ALL_MODULES, ['identity', 'crm', 'documents', 'files', 'collaboration', 'notifications']);
    expect(agency.map((module) => module.subgraph)).toEqual(['crm', 'documents', 'files', 'notifications']);
    // Outside the signed-in layout: a reviewer has no account.
    const top = appRoutes(agency)[0]!.children!;
    expect(top.map((route) => route.path)).toContain('/review');
    expect(top.find((route) => route.path === '/review')?.children).toBeUndefined();
    expect(enabledModules(ALL_MODULES, ['identity', 'crm']).flatMap((module) => module.publicRoutes ?? [])).toEqual([]);
  });

  it('serves no module to a cell of identity only', () => {
    expect(enabledModules(ALL_MODULES, ['identity'])).toEqual([]);
  });
});
