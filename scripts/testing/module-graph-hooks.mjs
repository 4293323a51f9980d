// Module-loader hooks of module-graph-probe.mjs: appends every URL an import resolves to to a file
// (synchronously, so the list is complete when the import settles).
import { appendFileSync } from 'node:fs';

let recordFile;

export function initialize(data) {
  recordFile = data.recordFile;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(recordFile, `${resolved.url}\n`);
  return resolved;
}
