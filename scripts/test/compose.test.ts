import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCell } from '../runtime/cells.js';

/*
 * docker-compose.yml and the Dockerfile, checked without Docker: the cell's containers (one per
 * subgraph of cell "all", each named after it), the service each runs, the start order, the
 * healthchecks that order relies on, and the image's shape. `docker compose config` too, where the
 * docker compose plugin exists.
 */

const ROOT = new URL('../../', import.meta.url).pathname;
/** The services of the image's entry, build/scripts/service.js (scripts/service.ts). */
const SERVICE_COMMANDS = ['gateway', 'subgraph', 'worker', 'migrate'];

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  profiles?: string[];
  environment?: Record<string, string>;
  env_file?: { path: string; required?: boolean }[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
}

const compose = parse(readFileSync(`${ROOT}docker-compose.yml`, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const dockerfile = readFileSync(`${ROOT}Dockerfile`, 'utf8');
const subgraphs = loadCell('all').subgraphs.map((definition) => definition.name);
/** Services `docker compose up` starts from the repository's image. */
const imageServices = Object.entries(services).filter(([, service]) => service.build !== undefined && !service.profiles);
const named = (command: string) => imageServices.filter(([, service]) => service.command?.[0] === command).map(([name]) => name);
const dependenciesOf = (name: string) =>
  Object.fromEntries(Object.entries(services[name]?.depends_on ?? {}).map(([target, { condition }]) => [target, condition]));

describe('docker-compose.yml', () => {
  it('runs each subgraph of cell "all" in a service named after it, serving that subgraph alone', () => {
    for (const subgraph of subgraphs) {
      const service = services[subgraph];
      expect(
        service,
        `no service "${subgraph}" in docker-compose.yml: add one like the other subgraphs' (command [subgraph], SUBGRAPHS: ${subgraph})`,
      ).toBeDefined();
      expect(service!.command).toEqual(['subgraph']);
      expect(service!.environment).toMatchObject({ CELL: 'all', SUBGRAPHS: subgraph, WORKERS: 'off' });
    }
    expect(named('subgraph').sort()).toEqual([...subgraphs].sort());
  });

  it('starts the image only with a service its entry knows, gateway, worker and migrate once each', () => {
    for (const [name, service] of imageServices) expect(SERVICE_COMMANDS, name).toContain(service.command?.[0]);
    for (const command of ['gateway', 'worker', 'migrate']) expect(named(command)).toHaveLength(1);
  });

  it('gives every service of the image the cell, its database, Redis and the keys file', () => {
    for (const [name, service] of imageServices) {
      expect(service.environment, name).toMatchObject({ CELL: 'all', DATABASE_URL: expect.any(String), REDIS_URL: expect.any(String) });
      expect(
        service.env_file?.map((file) => file.path),
        name,
      ).toContain('.cellgraph/keys.env');
    }
  });

  it('migrates after Postgres is healthy, serves after the migration, and starts the gateway after every subgraph is healthy', () => {
    const [migrate] = named('migrate');
    expect(dependenciesOf(migrate!)).toMatchObject({ postgres: 'service_healthy' });
    for (const name of [...named('subgraph'), ...named('worker'), ...named('gateway')]) {
      expect(dependenciesOf(name), name).toMatchObject({ [migrate!]: 'service_completed_successfully', redis: 'service_healthy' });
    }
    const [gateway] = named('gateway');
    expect(dependenciesOf(gateway!)).toMatchObject(Object.fromEntries(subgraphs.map((subgraph) => [subgraph, 'service_healthy'])));
  });

  it('waits only on services that check their health', () => {
    const checksHealth = (name: string) => {
      const service = services[name]!;
      if (service.healthcheck) return !service.healthcheck.disable && (service.healthcheck.test?.length ?? 0) > 0;
      return service.build !== undefined && /^HEALTHCHECK /m.test(dockerfile); // the image's own
    };
    const awaited = Object.values(services).flatMap((service) =>
      Object.entries(service.depends_on ?? {})
        .filter(([, { condition }]) => condition === 'service_healthy')
        .map(([target]) => target),
    );
    expect(awaited).toEqual(expect.arrayContaining(['postgres', 'redis', 's3', ...subgraphs]));
    for (const name of new Set(awaited)) expect(checksHealth(name), name).toBe(true);
  });

  it('publishes ports on 127.0.0.1 only, the gateway on 4000', () => {
    for (const [name, service] of Object.entries(services)) for (const port of service.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    expect(services[named('gateway')[0]!]!.ports).toEqual(['127.0.0.1:4000:4000']);
  });

  const composeVersion = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  const composeAvailable = composeVersion.status === 0;
  if (!composeAvailable) console.info(`docker compose config: skipped (${composeVersion.error?.message ?? composeVersion.stderr.trim().split('\n')[0]})`);
  it.skipIf(!composeAvailable)('is valid for docker compose (docker compose config -q)', () => {
    const config = spawnSync('docker', ['compose', 'config', '-q'], { cwd: ROOT, encoding: 'utf8' });
    expect(config.stderr).toBe('');
    expect(config.status).toBe(0);
  });
});

describe('Dockerfile', () => {
  const stages = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)].map((match) => ({ base: match[1]!, name: match[2] }));
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('builds in stages and runs the compiled output on node 20 slim', () => {
    expect(stages.length).toBeGreaterThan(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(stages.at(-1)!.base).toBe('${NODE_IMAGE}');
    expect(dockerfile).toMatch(/npm run build && npm run stage:runtime -- \/app/);
    expect(runtime).toMatch(/^COPY --from=build \/app \.\/$/m);
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "build\/scripts\/service\.js"\]$/m);
  });

  it('installs only production dependencies in what it runs', () => {
    // The runtime tree is staged by scripts/stage-runtime.ts (test/build.test.ts runs it and looks for dev packages).
    expect(readFileSync(`${ROOT}scripts/stage-runtime.ts`, 'utf8')).toMatch(/'ci', '--omit=dev'/);
    expect(runtime).not.toMatch(/npm (ci|install)/);
  });

  it('runs as a user other than root and checks its liveness', () => {
    const users = [...runtime.matchAll(/^USER (\S+)$/gm)].map((match) => match[1]);
    expect(users.at(-1)).toBe('node');
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/health\/live/m);
    expect(runtime).toMatch(/^EXPOSE 4000$/m);
  });
});
