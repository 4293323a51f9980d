import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CUSTOM_SCALARS, toGlobalId, uuidv7 } from '@cellgraph/kernel/core';
import {
  astFromValue,
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';

const logDir = mkdtempSync(join(tmpdir(), 'cellgraph-scalars-'));
const logFile = join(logDir, 'cell.log');
let cell: TestCell;
let user: TestUser;

beforeAll(async () => {
  cell = await startTestCell({ env: { LOG_LEVEL: 'info', LOG_FILE: logFile } });
  user = await cell.signUp('Scalar');
});
afterAll(async () => {
  await cell?.stop();
  rmSync(logDir, { recursive: true, force: true });
});

const schema = buildSchema(readFileSync(new URL('../../schema/cells/all/schema.graphql', import.meta.url), 'utf8'));
const customScalars = Object.values(schema.getTypeMap()).filter(
  (type) => isScalarType(type) && !type.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name),
);

/** Malformed inputs of each custom scalar; JSON accepts every value, so it has none. */
const MALFORMED: Record<string, unknown[]> = {
  Decimal: ['1e400', 'NaN', '12,50'],
  DateTimeISO: ['not-a-date', '99999-01-01T00:00:00Z', '0000-01-01T00:00:00Z'],
  LocalDate: ['2024-13-01', '99999-01-01', '0000-01-01'],
  CurrencyCode: ['EURO', 'usd'],
  JSONObject: ['not an object', 42],
  JSON: [],
};
const VALID: Record<string, unknown> = {
  Decimal: '1.5',
  DateTimeISO: '2024-01-01T00:00:00Z',
  LocalDate: '2024-01-01',
  CurrencyCode: 'EUR',
  JSONObject: {},
  JSON: {},
};

type Target = { operation: 'query' | 'mutation'; field: GraphQLField<unknown, unknown>; argument: GraphQLArgument; path: string[] };

/** The path (argument, input fields) from `type` to a value of `scalar`, if any. */
function pathTo(type: GraphQLInputType, scalar: string, seen: Set<string> = new Set()): string[] | null {
  const named = getNamedType(type) as GraphQLNamedType;
  if (named.name === scalar) return [];
  if (!isInputObjectType(named) || seen.has(named.name)) return null;
  for (const field of Object.values(named.getFields())) {
    const rest = pathTo(field.type, scalar, new Set([...seen, named.name]));
    if (rest) return [field.name, ...rest];
  }
  return null;
}

function targetOf(scalar: string): Target | null {
  for (const operation of ['query', 'mutation'] as const) {
    const root = operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    for (const field of Object.values(root.getFields())) {
      for (const argument of field.args) {
        const path = pathTo(argument.type, scalar);
        if (path) return { operation, field, argument, path };
      }
    }
  }
  return null;
}

/** A value of `type` with every required field filled, and `bad` at `path`. */
function inputWith(type: GraphQLInputType, path: string[], bad: unknown): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [inputWith(inner.ofType, path, bad)];
  if (!path.length) return bad;
  if (!isInputObjectType(inner)) throw new Error('path through a non-input type');
  const value: Record<string, unknown> = {};
  for (const field of Object.values(inner.getFields())) {
    if (field.name === path[0]) value[field.name] = inputWith(field.type, path.slice(1), bad);
    else if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = sample(field.type.ofType);
  }
  return value;
}

function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) return inputWith(type, [], undefined) ?? {};
  if (type.name in VALID) return VALID[type.name];
  return { String: 'x', Int: 1, Float: 1, Boolean: true, ID: toGlobalId('Task', uuidv7()) }[type.name];
}

/** Error lines logged for requests (each carries its request id); background work's own lines, e.g. a relay's retry on a busy machine, are not about these inputs. */
const errorLines = () =>
  readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: string; msg: string; requestId?: string })
    .filter((line) => (line.level === 'error' || line.level === 'fatal') && line.requestId !== undefined);

describe('malformed custom scalars', () => {
  it('are listed for every custom scalar of the cell', () => {
    expect(customScalars.map((type) => type.name).sort()).toEqual(Object.keys(MALFORMED).sort());
    expect([...CUSTOM_SCALARS.keys()].sort()).toEqual(Object.keys(MALFORMED).sort());
  });

  it.each(Object.entries(MALFORMED).filter(([, values]) => values.length))(
    '%s: 400 BAD_USER_INPUT naming the argument, as a literal and as a variable, logged below error',
    async (scalar, values) => {
      const target = targetOf(scalar);
      expect(target, `an argument taking ${scalar}`).not.toBeNull();
      const { operation, field, argument, path } = target!;
      const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
      const argumentPath = [argument.name, ...path].join('.');
      for (const bad of values) {
        const value = inputWith(argument.type, path, bad);
        const literal = print(astFromValue(value, argument.type)!);
        const asLiteral = await cell.gql(`${operation} { ${field.name}(${argument.name}: ${literal}) ${selection} }`, {}, user.token);
        const asVariable = await cell.gql(
          `${operation}($v: ${argument.type.toString()}) { ${field.name}(${argument.name}: $v) ${selection} }`,
          { v: value },
          user.token,
        );
        for (const [form, result] of [
          ['literal', asLiteral],
          ['variable', asVariable],
        ] as const) {
          expect({ form, bad, status: result.status, data: result.data, errors: result.errors }).toEqual({
            form,
            bad,
            status: 400,
            data: undefined,
            errors: [
              {
                message: expect.stringContaining(`Invalid value for argument "${argumentPath}"`),
                locations: expect.any(Array),
                extensions: { code: 'BAD_USER_INPUT', argument: argumentPath, requestId: expect.any(String) },
              },
            ],
          });
        }
      }
      expect(errorLines()).toEqual([]);
    },
  );
});
