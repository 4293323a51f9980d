import { describe, expect, it } from 'vitest';
import { CELL_RESTRICTED_MODULES, cellRestrictedModules, restrictedModulesOf } from './restricted-modules.js';

const finance = { scope: 'finance', access: 'restricted' as const, nodeTypes: ['Invoice', 'Payment'], trash: [{ type: 'Invoice' }, { type: 'Expense' }] };
const tasks = { scope: 'tasks', nodeTypes: ['Task'] };

describe('restricted modules', () => {
  it('are the restricted subgraphs of a cell, each with its Node and trash types', () => {
    expect(cellRestrictedModules([tasks, finance])).toEqual({ finance: ['Expense', 'Invoice', 'Payment'] });
    expect(cellRestrictedModules([tasks])).toEqual({});
  });

  it('reach a process in CELL_RESTRICTED_MODULES; a restricted subgraph always knows itself', () => {
    const env = { [CELL_RESTRICTED_MODULES]: JSON.stringify({ finance: ['Invoice'] }) };
    expect(restrictedModulesOf(env)).toEqual({ finance: ['Invoice'] });
    expect(restrictedModulesOf({}, tasks)).toEqual({});
    expect(restrictedModulesOf({}, finance)).toEqual({ finance: ['Expense', 'Invoice', 'Payment'] });
    expect(() => restrictedModulesOf({ [CELL_RESTRICTED_MODULES]: '{"Finance": ["invoice"]}' })).toThrow(CELL_RESTRICTED_MODULES);
    expect(() => restrictedModulesOf({ [CELL_RESTRICTED_MODULES]: 'nope' })).toThrow('must be JSON');
  });
});
