import { z } from 'zod';

/**
 * Settings namespaces: typed settings a module declares on its SubgraphDefinition (`settings`), with
 * a zod object whose every key has a default (or is optional). Values are stored by identity per
 * organization and per user (within the organization) and resolved key by key: user over
 * organization over default. Identity validates values of every module's namespaces, so the cell
 * hands the declarations to every process as CELL_SETTINGS_NAMESPACES: JSON Schema (zod 4's
 * `z.toJSONSchema`), turned back into zod with `z.fromJSONSchema` where it is checked.
 */
export const CELL_SETTINGS_NAMESPACES = 'CELL_SETTINGS_NAMESPACES';

export type SettingsScope = 'organization' | 'user';
export const SETTINGS_SCOPES: readonly SettingsScope[] = ['organization', 'user'];

/** What a module declares (in `defineSubgraph({ settings: [...] })`). */
export interface SettingsNamespaceDeclaration {
  /** Unique in the cell: lower-case letters, digits and dashes, e.g. `profile`, `notifications`. */
  readonly namespace: string;
  readonly description: string;
  /** Where values may be set: `organization` (owners and admins) and/or `user` (each user for themselves). */
  readonly scopes: readonly SettingsScope[];
  /** Every key with a default or optional: `schema.parse({})` gives the defaults. Regex patterns without flags (JSON Schema keeps none). */
  readonly schema: z.ZodObject;
}

/** A namespace as every process of the cell knows it (JSON). */
export interface SettingsNamespace {
  readonly namespace: string;
  /** The subgraph that declared it. */
  readonly module: string;
  readonly description: string;
  readonly scopes: readonly SettingsScope[];
  /** JSON Schema (draft 2020-12) of the resolved values. */
  readonly schema: Record<string, unknown>;
  readonly defaults: Record<string, unknown>;
}

const NAMESPACE = /^[a-z][a-z0-9-]{1,39}$/;

/** A declaration as JSON; refuses a namespace whose defaults do not parse. */
export function describeNamespace(module: string, declaration: SettingsNamespaceDeclaration): SettingsNamespace {
  if (!NAMESPACE.test(declaration.namespace)) throw new Error(`${module}: invalid settings namespace ${JSON.stringify(declaration.namespace)}`);
  if (!declaration.scopes.length) throw new Error(`${module}: settings namespace ${declaration.namespace} needs a scope`);
  const defaults = declaration.schema.safeParse({});
  if (!defaults.success) throw new Error(`${module}: settings namespace ${declaration.namespace} needs a default (or optional) for every key`);
  return {
    namespace: declaration.namespace,
    module,
    description: declaration.description,
    scopes: [...declaration.scopes],
    schema: z.toJSONSchema(declaration.schema, { io: 'output' }) as Record<string, unknown>,
    defaults: defaults.data as Record<string, unknown>,
  };
}

/** The settings namespaces of a cell's subgraphs; a namespace declared twice is an error. */
export function cellSettingsNamespaces(subgraphs: readonly { name: string; settings?: readonly SettingsNamespaceDeclaration[] }[]): SettingsNamespace[] {
  const namespaces = subgraphs.flatMap((subgraph) => (subgraph.settings ?? []).map((declaration) => describeNamespace(subgraph.name, declaration)));
  const seen = new Set<string>();
  for (const { namespace } of namespaces) {
    if (seen.has(namespace)) throw new Error(`Settings namespace ${namespace} is declared twice in the cell`);
    seen.add(namespace);
  }
  return namespaces.sort((a, b) => a.namespace.localeCompare(b.namespace));
}

const namespacesFromEnv = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(
      z.object({
        namespace: z.string().regex(NAMESPACE),
        module: z.string(),
        description: z.string(),
        scopes: z.array(z.enum(['organization', 'user'])).min(1),
        schema: z.record(z.string(), z.unknown()),
        defaults: z.record(z.string(), z.unknown()),
      }),
    ),
  );

/** The cell's namespaces from CELL_SETTINGS_NAMESPACES, plus `own` (a subgraph always knows its own). */
export function settingsNamespacesOf(
  env: NodeJS.ProcessEnv,
  own?: { name: string; settings?: readonly SettingsNamespaceDeclaration[] },
): Map<string, SettingsNamespace> {
  const text = env[CELL_SETTINGS_NAMESPACES];
  const parsed = text ? namespacesFromEnv.safeParse(text) : null;
  if (parsed && !parsed.success) throw new Error(`Invalid ${CELL_SETTINGS_NAMESPACES}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  const namespaces = new Map<string, SettingsNamespace>((parsed?.data ?? []).map((namespace) => [namespace.namespace, namespace]));
  for (const namespace of own ? cellSettingsNamespaces([own]) : []) namespaces.set(namespace.namespace, namespace);
  return namespaces;
}

export type SettingSource = 'USER' | 'ORGANIZATION' | 'DEFAULT';

/** Resolved values of a namespace and where each top-level key came from. */
export interface ResolvedSettings {
  values: Record<string, unknown>;
  sources: Record<string, SettingSource>;
}

/** Key by key: the user's value over the organization's over the default (keys no longer declared are ignored). */
export function resolveSettings(
  namespace: Pick<SettingsNamespace, 'defaults' | 'schema'>,
  organization: Record<string, unknown> | null,
  user: Record<string, unknown> | null,
): ResolvedSettings {
  const declared = Object.keys((namespace.schema.properties as Record<string, unknown> | undefined) ?? namespace.defaults);
  const values: Record<string, unknown> = {};
  const sources: Record<string, SettingSource> = {};
  for (const key of declared) {
    if (user && key in user) [values[key], sources[key]] = [user[key], 'USER'];
    else if (organization && key in organization) [values[key], sources[key]] = [organization[key], 'ORGANIZATION'];
    else if (key in namespace.defaults) [values[key], sources[key]] = [namespace.defaults[key], 'DEFAULT'];
  }
  return { values, sources };
}

/** Redis hash of an organization's stored values of a namespace (fields `organization`, `user:<id>`, `complete`), written by identity. */
export const settingsCacheKey = (prefix: string, orgId: string, namespace: string) => `${prefix}:settings:${orgId}:${namespace}`;
/** Announces `<orgId>:<namespace>` whenever that cache was rewritten (a change, or a fill). */
export const settingsChangedChannel = (prefix: string) => `${prefix}:settings:changed`;
/** A reader that found no cache asks identity to fill it: `<orgId>:<namespace>`. */
export const settingsFillChannel = (prefix: string) => `${prefix}:settings:fill`;
