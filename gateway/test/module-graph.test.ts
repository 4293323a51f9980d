import { describe, expect, it } from 'vitest';
import { moduleGraphOf } from '../../scripts/testing/module-graph.js';

/** What subgraphs need and the gateway must not load: the database, the schema builder, jobs and e-mail. */
const SUBGRAPH_ONLY = ['typeorm', 'type-graphql', 'bullmq', 'nodemailer', 'pg', 'casbin', 'reflect-metadata'];

describe('module graph', () => {
  it('the gateway loads none of the packages only subgraphs need', async () => {
    const { packages } = await moduleGraphOf('@cellgraph/gateway');
    expect(packages).toContain('@apollo/gateway');
    expect(SUBGRAPH_ONLY.filter((name) => packages.has(name))).toEqual([]);
    // Tracing off (no exporter configured): the OpenTelemetry SDK is not even loaded.
    expect(packages.has('@opentelemetry/sdk-trace')).toBe(false);
  }, 60_000);

  it('the kernel core entry loads none of them, nor @apollo/subgraph', async () => {
    const { packages } = await moduleGraphOf('@cellgraph/kernel/core');
    expect(packages).toContain('pino');
    expect([...SUBGRAPH_ONLY, '@apollo/subgraph'].filter((name) => packages.has(name))).toEqual([]);
  }, 60_000);

  it('sees them when they are loaded, by import or by require (the kernel subgraph entry)', async () => {
    const { packages } = await moduleGraphOf('@cellgraph/kernel');
    expect(SUBGRAPH_ONLY.filter((name) => !packages.has(name))).toEqual([]);
  }, 60_000);
});
