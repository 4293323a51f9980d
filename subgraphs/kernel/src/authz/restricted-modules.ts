import { z } from 'zod';

/**
 * Restricted modules (a subgraph declaring `access: 'restricted'`, e.g. finance): members and
 * guests act there only through a grant on the module (`module:<scope>`) or on single objects.
 * Every process of a cell must know them — collaboration judges comments on an Invoice, identity
 * manages the grants — so the cell hands them over as CELL_RESTRICTED_MODULES: each module (its
 * API-key scope) with its Node types.
 */
export const CELL_RESTRICTED_MODULES = 'CELL_RESTRICTED_MODULES';

/** Each restricted module (by scope) → the object types it owns. */
export type RestrictedModules = Readonly<Record<string, readonly string[]>>;

/** What a subgraph declares that matters here (a SubgraphDefinition is one). */
export interface ModuleAccessDeclaration {
  readonly scope: string;
  readonly access?: 'open' | 'restricted';
  readonly nodeTypes?: readonly string[];
  readonly trash?: readonly { type: string }[];
}

/** The restricted modules of a cell's subgraphs, with their Node and trash types. */
export function cellRestrictedModules(subgraphs: readonly ModuleAccessDeclaration[]): Record<string, string[]> {
  const modules: Record<string, string[]> = {};
  for (const subgraph of subgraphs) {
    if (subgraph.access !== 'restricted') continue;
    modules[subgraph.scope] = [...new Set([...(subgraph.nodeTypes ?? []), ...(subgraph.trash ?? []).map((spec) => spec.type)])].sort();
  }
  return modules;
}

/** Parses CELL_RESTRICTED_MODULES. */
export const restrictedModulesFromEnv = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.array(z.string().regex(/^[A-Z][A-Za-z0-9]*$/))));

/** The cell's restricted modules from `env`, plus `own` (a restricted subgraph always knows itself). */
export function restrictedModulesOf(env: NodeJS.ProcessEnv, own?: ModuleAccessDeclaration): Record<string, string[]> {
  const text = env[CELL_RESTRICTED_MODULES];
  const parsed = text ? restrictedModulesFromEnv.safeParse(text) : null;
  if (parsed && !parsed.success) throw new Error(`Invalid ${CELL_RESTRICTED_MODULES}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return { ...(parsed?.data ?? {}), ...(own ? cellRestrictedModules([own]) : {}) };
}
