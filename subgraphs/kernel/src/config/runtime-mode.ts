/**
 * The one definition of "development" for every process (gateway, subgraph hosts, workers):
 * NODE_ENV=development exactly. Anything else — unset included — is production, so a forgotten
 * variable never turns on explorers, stack traces or schema hints.
 */
export function isDevelopment(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'development';
}

export type RuntimeMode = 'development' | 'production';

export const runtimeMode = (env: NodeJS.ProcessEnv = process.env): RuntimeMode => (isDevelopment(env) ? 'development' : 'production');
