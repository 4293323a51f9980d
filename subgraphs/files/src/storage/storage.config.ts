import { parseEnv } from '@cellgraph/kernel';
import { z } from 'zod';

const MIB = 1024 * 1024;

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Where the files subgraph keeps objects and what it accepts. Any S3-compatible store: AWS S3 (no
 * endpoint, credentials from the default chain when the keys are unset), MinIO, or the local store
 * `npm start` runs (see local-s3-server.ts).
 */
export const storageEnv = z.object({
  /** The store as this process reaches it; unset: AWS S3 of S3_REGION. */
  S3_ENDPOINT: z.url().optional(),
  /** The store as clients reach it (presigned URLs are signed for this host); default S3_ENDPOINT. */
  S3_PUBLIC_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), which MinIO and the local store need. */
  S3_FORCE_PATH_STYLE: flag,
  /** Largest file accepted, in bytes (default 25 MiB). */
  FILE_MAX_SIZE: positiveInt(25 * MIB),
  /** Accepted content types, comma-separated; `image/*` accepts every image type. */
  FILE_ALLOWED_TYPES: z
    .string()
    .default(
      'image/*,application/pdf,text/plain,text/csv,application/zip,application/json,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .transform((value) =>
      value
        .split(',')
        .map((type) => type.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** Largest image accepted as an avatar, in bytes (default 2 MiB). */
  FILE_AVATAR_MAX_SIZE: positiveInt(2 * MIB),
  /** Bytes an organization may store, uploads in flight included (default 1 GiB). */
  FILE_QUOTA_BYTES: positiveInt(1024 * MIB),
  /** How long a presigned upload URL is valid, in seconds (default 15 minutes). */
  FILE_UPLOAD_URL_TTL_SECONDS: positiveInt(15 * 60),
  /** How long a presigned download URL is valid, in seconds (default 5 minutes). */
  FILE_DOWNLOAD_URL_TTL_SECONDS: positiveInt(5 * 60),
  /** An upload not completed this long after it began is abandoned: the cleanup job removes it (default 1 hour). */
  FILE_UPLOAD_ABANDON_AFTER_SECONDS: positiveInt(60 * 60),
});

export type StorageConfig = z.output<typeof storageEnv>;

export function parseStorageConfig(env: NodeJS.ProcessEnv): StorageConfig {
  const config = parseEnv('files storage', storageEnv, env);
  if (Boolean(config.S3_ACCESS_KEY_ID) !== Boolean(config.S3_SECRET_ACCESS_KEY)) {
    throw new Error('Invalid files storage configuration: set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the default credential chain)');
  }
  if (config.FILE_UPLOAD_ABANDON_AFTER_SECONDS <= config.FILE_UPLOAD_URL_TTL_SECONDS) {
    throw new Error(
      'Invalid files storage configuration: FILE_UPLOAD_ABANDON_AFTER_SECONDS must exceed FILE_UPLOAD_URL_TTL_SECONDS (an upload URL still valid is not abandoned)',
    );
  }
  return config;
}

/** Whether `contentType` is among the allowed types (`image/*` matches every image type). */
export function typeAllowed(config: Pick<StorageConfig, 'FILE_ALLOWED_TYPES'>, contentType: string): boolean {
  const type = contentType.toLowerCase();
  return config.FILE_ALLOWED_TYPES.some((allowed) => (allowed.endsWith('/*') ? type.startsWith(allowed.slice(0, -1)) : type === allowed));
}
