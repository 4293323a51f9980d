import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { type Change, ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  buildSchema,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLSchema,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { apiSchemaPath } from './cells.js';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/** A cell's API schema changes against its baseline, sorted by what the check does with them. */
export interface SchemaChanges {
  /** Fail the check. */
  breaking: Change[];
  /** Breaking for a client, but the field, argument, enum value or type was deprecated in the baseline first: allowed. */
  removedAfterDeprecation: Change[];
  /** Printed as warnings. */
  dangerous: Change[];
  safe: Change[];
}

const REMOVALS: ReadonlySet<string> = new Set([
  ChangeType.FieldRemoved,
  ChangeType.FieldArgumentRemoved,
  ChangeType.InputFieldRemoved,
  ChangeType.EnumValueRemoved,
  ChangeType.TypeRemoved,
]);

export async function diffApiSchemas(baseSdl: string, currentSdl: string): Promise<SchemaChanges> {
  const changes: SchemaChanges = { breaking: [], removedAfterDeprecation: [], dangerous: [], safe: [] };
  if (baseSdl === currentSdl) return changes;
  const base = buildSchema(baseSdl);
  let reachable: Set<string> | undefined;
  for (const change of await diff(base, buildSchema(currentSdl))) {
    if (change.criticality.level === CriticalityLevel.Breaking) {
      const deprecatedFirst = REMOVALS.has(change.type) && change.path && wasDeprecated(base, change, (reachable ??= typesReachableWithoutDeprecated(base)));
      (deprecatedFirst ? changes.removedAfterDeprecation : changes.breaking).push(change);
    } else if (change.criticality.level === CriticalityLevel.Dangerous) changes.dangerous.push(change);
    else changes.safe.push(change);
  }
  return changes;
}

/**
 * Whether what a removal removed was deprecated in the base schema. A removed type counts as
 * deprecated when clients could reach it only through deprecated fields or arguments: removing the
 * last deprecated field of a type also removes the type.
 */
function wasDeprecated(base: GraphQLSchema, change: Change, reachable: ReadonlySet<string>): boolean {
  const [typeName, member, argument] = change.path!.split('.');
  if (change.type === ChangeType.TypeRemoved) return !reachable.has(typeName!);
  const type = base.getType(typeName!);
  if (isEnumType(type)) return Boolean(type.getValue(member!)?.deprecationReason);
  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return false;
  const field = type.getFields()[member!];
  if (!field) return false;
  if (argument === undefined) return Boolean(field.deprecationReason);
  return 'args' in field && Boolean(field.args.find((arg) => arg.name === argument)?.deprecationReason);
}

/** Names of the types a client can use from the root operation types without a deprecated field or argument. */
function typesReachableWithoutDeprecated(schema: GraphQLSchema): Set<string> {
  const reachable = new Set<string>();
  const visit = (type: GraphQLNamedType | null | undefined) => {
    if (!type || reachable.has(type.name)) return;
    reachable.add(type.name);
    if (isAbstractType(type)) schema.getPossibleTypes(type).forEach(visit);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason) continue;
        visit(getNamedType(field.type));
        for (const arg of field.args) if (!arg.deprecationReason) visit(getNamedType(arg.type));
      }
    }
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) if (!field.deprecationReason) visit(getNamedType(field.type));
  };
  [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].forEach(visit);
  return reachable;
}

export class GitRefError extends Error {
  override name = 'GitRefError';
}

/** The cell's API schema as committed at `ref`, or null when the cell did not exist there (a new cell). */
export function apiSchemaAt(ref: string, cell: string, repoRoot: string = REPO_ROOT): string | null {
  const git = (...args: string[]) => execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    throw new GitRefError(`Unknown git ref ${JSON.stringify(ref)} in ${repoRoot} (in CI, fetch the base branch first)`);
  }
  const path = relative(REPO_ROOT, apiSchemaPath(cell));
  if (!git('ls-tree', '--name-only', ref, '--', path).trim()) return null;
  return git('show', `${ref}:${path}`);
}

/** One change as a line of the report: its path and the library's message. */
export const describeChange = (change: Change) => `${change.path ?? '(schema)'}: ${change.message}`;
