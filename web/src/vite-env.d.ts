/// <reference types="vite/client" />

declare module 'virtual:cellgraph/persisted-operations' {
  /** Operation name → sha256 of its document in the build's manifest (see persisted-operations.ts). */
  const hashes: Record<string, string>;
  export default hashes;
}
