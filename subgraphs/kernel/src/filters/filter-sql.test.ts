import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../ids/global-id.js';
import { filterToSql, filterUses, type FilterSpec } from './filter-sql.js';

const spec: FilterSpec = {
  title: { path: 'task.title', kind: 'string' },
  status: { path: 'task.status', kind: 'enum' },
  assignee: { path: 'task.assigneeId', kind: 'id', idType: 'User' },
  dueDate: { path: 'task.dueDate', kind: 'datetime' },
};
const uuid = '01890f5e-8a6e-7c3b-9d2a-1b2c3d4e5f60';

describe('filterToSql', () => {
  it('binds every value and combines operators with AND', () => {
    expect(filterToSql({ title: { contains: '50%_off', neq: 'x' }, status: { in: ['todo', 'done'] } }, spec)).toEqual({
      sql: '(task.title ILIKE :filter0 AND task.title IS DISTINCT FROM :filter1 AND task.status IN (:...filter2))',
      params: { filter0: '%50\\%\\_off%', filter1: 'x', filter2: ['todo', 'done'] },
    });
  });

  it('nests and/or/not, decodes global ids and treats empty lists exactly', () => {
    const result = filterToSql(
      { or: [{ assignee: { eq: toGlobalId('User', uuid) } }, { not: { dueDate: { isNull: true } } }], status: { in: [], nin: [] } },
      spec,
    )!;
    expect(result.sql).toBe('(((task.assigneeId = :filter0) OR (NOT (task.dueDate IS NULL))) AND FALSE AND TRUE)');
    expect(result.params).toEqual({ filter0: uuid });
  });

  it('keeps rows with a null value in nin (SQL NOT IN would drop them)', () => {
    expect(filterToSql({ status: { nin: ['done'] } }, spec)!.sql).toBe('((task.status NOT IN (:...filter0) OR task.status IS NULL))');
  });

  it('refuses unknown fields, ids of another type, and oversized filters', () => {
    expect(() => filterToSql({ secret: { eq: 'x' } }, spec)).toThrow('Unknown filter field secret');
    expect(() => filterToSql({ assignee: { eq: toGlobalId('Task', uuid) } }, spec)).toThrow('filter.assignee is not a valid User id');
    let deep: Record<string, unknown> = { title: { eq: 'x' } };
    for (let i = 0; i < 6; i++) deep = { not: deep };
    expect(() => filterToSql(deep, spec)).toThrow('nested deeper than 5');
    const wide = { or: Array.from({ length: 51 }, () => ({ title: { eq: 'x' } })) };
    expect(() => filterToSql(wide, spec)).toThrow('more than 50 conditions');
  });

  it('lets a computed field turn its input into conditions, bound and counted like the others', () => {
    const tagged: FilterSpec = {
      ...spec,
      labels: { kind: 'computed', toSql: (input, bind) => (input as string[]).map((label) => `task.labels @> ${bind([label])}`) },
    };
    expect(filterToSql({ title: { eq: 'x' }, not: { labels: ['a', 'b'] } }, tagged)).toEqual({
      sql: '(task.title = :filter0 AND NOT (task.labels @> :filter1 AND task.labels @> :filter2))',
      params: { filter0: 'x', filter1: ['a'], filter2: ['b'] },
    });
    expect(() => filterToSql({ labels: Array.from({ length: 51 }, (_, i) => `l${i}`) }, tagged)).toThrow('more than 50 conditions');
  });

  it('tells whether a key is used at any depth', () => {
    expect(filterUses({ title: { eq: 'x' } }, 'labels')).toBe(false);
    expect(filterUses({ or: [{ title: { eq: 'x' } }, { not: { labels: ['a'] } }] }, 'labels')).toBe(true);
    expect(filterUses({ labels: null }, 'labels')).toBe(false);
    expect(filterUses(null, 'labels')).toBe(false);
  });

  it('returns null without a filter', () => {
    expect(filterToSql(null, spec)).toBeNull();
  });
});
