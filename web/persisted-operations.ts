import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:cellgraph/persisted-operations';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/**
 * The app's operations as persisted documents. GraphQL Code Generator writes every operation of
 * web/src to `manifestPath` as `{ sha256: document }`; this plugin
 * - gives the app `virtual:cellgraph/persisted-operations` (operation name → hash), which the
 *   production build sends instead of the document text, and
 * - emits the manifest beside the build (`dist/persisted-documents.json`), where the gateway
 *   loads the only documents it accepts from the app (PERSISTED_DOCUMENTS=enforce).
 */
export function persistedOperations(manifestPath: string): Plugin {
  const read = () => JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
  return {
    name: 'cellgraph-persisted-operations',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(manifestPath);
      return `export default ${JSON.stringify(operationHashes(read()))};`;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'persisted-documents.json', source: JSON.stringify(read(), null, 2) });
    },
  };
}

/** Operation name → hash; codegen refuses two operations of one name, so names are keys. */
export function operationHashes(manifest: Record<string, string>): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const [hash, text] of Object.entries(manifest)) {
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) hashes[definition.name.value] = hash;
    }
  }
  return hashes;
}
