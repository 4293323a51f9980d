import { forbidden } from '../errors/coded-error.js';
import type { LoaderRegistry } from './loader-registry.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/**
 * A per-request loader of entities by id for the caller: null when the entity does not exist in
 * the organization (or is in the trash), a FORBIDDEN error when it exists but the caller may not
 * read it — so references and fields resolve to null plus an error at that path.
 */
export function readableById<T extends { id: string }>(
  loaders: LoaderRegistry,
  name: string,
  find: (ids: readonly string[]) => Promise<T[]>,
  readable: (rows: T[]) => Promise<boolean[]>,
  what: string,
) {
  return loaders.get<string, T | Error | null>(name, async (ids) => {
    const found = await find(ids);
    const allowed = await readable(found);
    const byId = new Map(found.map((row, index) => [row.id, allowed[index] ? row : forbidden(text(kernelMessages.notReadable, { what }))]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
