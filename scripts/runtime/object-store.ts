import { join } from 'node:path';
import { startLocalS3Server } from '@cellgraph/files/local-store';
import type { Service } from './infrastructure.js';

export const LOCAL_BUCKET = 'cellgraph-local';

const LOCAL_MINIO = 'http://127.0.0.1:9000';
/** docker-compose.yml's MinIO (its development credentials and the bucket its s3-init creates). */
const MINIO_ENV = {
  S3_ENDPOINT: LOCAL_MINIO,
  S3_PUBLIC_ENDPOINT: LOCAL_MINIO,
  S3_BUCKET: 'cellgraph',
  S3_ACCESS_KEY_ID: 'cellgraph',
  S3_SECRET_ACCESS_KEY: 'cellgraph-dev-secret',
  S3_FORCE_PATH_STYLE: 'true',
};

async function minioAnswers(): Promise<boolean> {
  try {
    return (await fetch(`${LOCAL_MINIO}/minio/health/live`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/**
 * The files subgraph's object store for `npm start` (and the benchmarks): S3_* from the environment
 * when S3_BUCKET is set; docker-compose.yml's MinIO when it answers on 127.0.0.1:9000; otherwise the local
 * S3-compatible server on a free port of 127.0.0.1, objects kept in `<stateDir>/s3`, CORS open to
 * `corsOrigins` (the app's), every request's signature checked.
 */
export async function resolveObjectStore(stateDir: string, corsOrigins: readonly string[]): Promise<Service & { env: Record<string, string> }> {
  if (process.env.S3_BUCKET) {
    return { url: process.env.S3_ENDPOINT ?? 'AWS S3', description: `bucket ${process.env.S3_BUCKET} (S3_* variables)`, env: {}, stop: async () => {} };
  }
  if (await minioAnswers()) {
    return { url: LOCAL_MINIO, description: `MinIO on ${LOCAL_MINIO} (docker compose up -d s3), bucket cellgraph`, env: MINIO_ENV, stop: async () => {} };
  }
  const directory = join(stateDir, 's3');
  const server = await startLocalS3Server({ directory, bucket: LOCAL_BUCKET, corsOrigins });
  return {
    url: server.endpoint,
    description: `local S3-compatible server on ${server.endpoint}, bucket ${LOCAL_BUCKET} (objects in ${directory})`,
    env: server.env,
    stop: server.stop,
  };
}
