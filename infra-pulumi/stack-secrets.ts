/**
 * `npm run -w infra-pulumi stack-secrets -- <cell>-<env> [--print]`: generates a new stack's secrets
 * and stores them in its config, encrypted by the stack's secrets provider (`pulumi config set
 * --secret`, values on standard input, never on a command line): the database's administrator and
 * runtime-role passwords, Redis's auth token, the gateway's internal-context secret, CloudFront's
 * origin header and every secret the catalog's subgraphs declare (identity's signing and encryption
 * keys, from the same generator as `npm start` and docker compose). Keys already set are kept
 * (rotating one: `pulumi config rm` it first). `--print` prints the commands' keys instead of running them.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { generateCellKeys, keysEnv } from '../scripts/runtime/keys.js';
import { parseStackName } from './config.js';
import { readCatalog } from './manifest.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { print: { type: 'boolean', default: false } } });
const stack = positionals[0];
if (!stack) {
  console.error('Usage: npm run -w infra-pulumi stack-secrets -- <cell>-<env> [--print]');
  process.exit(2);
}
parseStackName(stack);

const password = () => randomBytes(24).toString('base64url');
const keys = keysEnv(await generateCellKeys());
const declared = [...new Set(Object.values(readCatalog()).flatMap((subgraph) => subgraph.secrets))];
const missing = declared.filter((variable) => !(variable in keys));
if (missing.length) throw new Error(`No generator for ${missing.join(', ')}: add it to scripts/runtime/keys.ts`);

// Config paths (`--path`: subgraphSecrets is an object keyed by variable) and their new values.
const secrets: [string, string][] = [
  ['databasePassword', password()],
  ['databaseAppPassword', password()],
  ['redisAuthToken', password()], // ElastiCache: 16–128 printable characters, none of @ " /
  ['internalContextSecret', keys.INTERNAL_CONTEXT_SECRET!],
  ['originVerifyToken', password()],
  ...declared.map((variable): [string, string] => [`subgraphSecrets.${variable}`, keys[variable]!]),
];

const pulumi = (args: string[], input?: string) =>
  execFileSync('pulumi', [...args, '--stack', stack], { input, encoding: 'utf8', stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'] });
const existing = values.print ? {} : (JSON.parse(pulumi(['config', '--json'])) as Record<string, { objectValue?: Record<string, unknown> }>);
const isSet = (path: string) => {
  const [key, field] = path.split('.');
  const entry = existing[`cellgraph:${key}`];
  return Boolean(entry && (!field || (entry.objectValue && field in entry.objectValue)));
};
for (const [path, value] of secrets) {
  const name = `cellgraph:${path}`;
  if (isSet(path)) console.log(`${name}: kept`);
  else if (values.print) console.log(`${name}: would be set`);
  else {
    pulumi(['config', 'set', '--secret', '--path', name], value); // the value on standard input
    console.log(`${name}: set`);
  }
}
