import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CELL_SETTINGS_NAMESPACES, cellSettingsNamespaces, resolveSettings, settingsNamespacesOf } from './settings-namespaces.js';

const tasks = {
  name: 'tasks',
  settings: [
    {
      namespace: 'tasks',
      description: 'Task defaults',
      scopes: ['organization', 'user'] as const,
      schema: z.object({ view: z.enum(['list', 'board']).default('list'), wip: z.number().int().optional() }),
    },
  ],
};

describe('settings namespaces', () => {
  it('reach every process as JSON Schema with their defaults; a subgraph always knows its own', () => {
    const [namespace] = cellSettingsNamespaces([tasks]);
    expect(namespace).toMatchObject({ namespace: 'tasks', module: 'tasks', scopes: ['organization', 'user'], defaults: { view: 'list' } });
    expect(namespace!.schema).toMatchObject({ type: 'object', properties: { view: { enum: ['list', 'board'] } }, additionalProperties: false });
    expect(settingsNamespacesOf({ [CELL_SETTINGS_NAMESPACES]: JSON.stringify([namespace]) }).get('tasks')).toEqual(namespace);
    expect(settingsNamespacesOf({}, tasks).get('tasks')).toEqual(namespace);
    expect(() => settingsNamespacesOf({ [CELL_SETTINGS_NAMESPACES]: 'nope' })).toThrow('must be JSON');
  });

  it('refuse a key without a default, a bad name and a namespace declared twice', () => {
    const declare = (namespace: string, schema: z.ZodObject) => ({ name: 'x', settings: [{ namespace, description: '', scopes: ['user'] as const, schema }] });
    expect(() => cellSettingsNamespaces([declare('xx', z.object({ required: z.string() }))])).toThrow('needs a default');
    expect(() => cellSettingsNamespaces([declare('Bad Name', z.object({}))])).toThrow('invalid settings namespace');
    expect(() => cellSettingsNamespaces([tasks, tasks])).toThrow('declared twice');
  });

  it('resolve key by key: the user’s value over the organization’s over the default', () => {
    const [namespace] = cellSettingsNamespaces([tasks]);
    expect(resolveSettings(namespace!, { view: 'board', wip: 3 }, { wip: 5, gone: true })).toEqual({
      values: { view: 'board', wip: 5 },
      sources: { view: 'ORGANIZATION', wip: 'USER' },
    });
    expect(resolveSettings(namespace!, null, null)).toEqual({ values: { view: 'list' }, sources: { view: 'DEFAULT' } });
  });
});
