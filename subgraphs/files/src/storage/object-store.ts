import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { StorageConfig } from './storage.config.js';

/** What the store says an object is (HEAD). */
export interface ObjectHead {
  size: number;
  contentType: string | null;
}

/** A presigned request a client sends to the store itself, never through the gateway. */
export interface PresignedRequest {
  url: string;
  method: 'PUT' | 'GET';
  /** Headers the client must send exactly as given (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: Date;
}

/**
 * The files subgraph's view of the object store: what it needs, nothing more. Other modules reach
 * stored files through the files module (its graph and contracts), never through this interface.
 */
export interface ObjectStore {
  /** A PUT the client may send once, within `ttlSeconds`, with exactly this type and size. */
  presignPut(key: string, contentType: string, size: number, ttlSeconds: number): Promise<PresignedRequest>;
  /** A GET that downloads the object as an attachment named `fileName`. */
  presignGet(key: string, fileName: string, contentType: string, ttlSeconds: number): Promise<PresignedRequest>;
  /** Null when the object does not exist. */
  head(key: string): Promise<ObjectHead | null>;
  /** The first `length` bytes (fewer for a smaller object). */
  readStart(key: string, length: number): Promise<Buffer>;
  /** SHA-256 (hex) of the whole object, streamed (never held in memory). */
  sha256(key: string): Promise<string>;
  /** Deletes the objects (absent ones are not an error). */
  delete(keys: readonly string[]): Promise<void>;
  close(): void;
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the ASCII fallback and the exact name. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function client(config: StorageConfig, endpoint: string | undefined): S3Client {
  return new S3Client({
    region: config.S3_REGION,
    endpoint,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: config.S3_ACCESS_KEY_ID ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY! } : undefined,
    // Stores other than AWS (MinIO, the local one) do not all know the SDK's default checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The object store on any S3-compatible service (@aws-sdk/client-s3). */
export class S3ObjectStore implements ObjectStore {
  private readonly s3: S3Client;
  /** Signs URLs for the host clients reach (S3_PUBLIC_ENDPOINT), which may differ from ours. */
  private readonly presigner: S3Client;
  private readonly bucket: string;

  constructor(config: StorageConfig) {
    this.bucket = config.S3_BUCKET;
    this.s3 = client(config, config.S3_ENDPOINT);
    this.presigner = config.S3_PUBLIC_ENDPOINT && config.S3_PUBLIC_ENDPOINT !== config.S3_ENDPOINT ? client(config, config.S3_PUBLIC_ENDPOINT) : this.s3;
  }

  async presignPut(key: string, contentType: string, size: number, ttlSeconds: number): Promise<PresignedRequest> {
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: size });
    // Type and length are signed headers: the store refuses a PUT with another type or size.
    const url = await getSignedUrl(this.presigner, command, { expiresIn: ttlSeconds, signableHeaders: new Set(['content-type', 'content-length']) });
    return { url, method: 'PUT', headers: { 'content-type': contentType }, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  async presignGet(key: string, fileName: string, contentType: string, ttlSeconds: number): Promise<PresignedRequest> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: attachmentDisposition(fileName),
      ResponseContentType: contentType,
    });
    const url = await getSignedUrl(this.presigner, command, { expiresIn: ttlSeconds });
    return { url, method: 'GET', headers: {}, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  async head(key: string): Promise<ObjectHead | null> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? null };
    } catch (error) {
      if (error instanceof NotFound || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) return null;
      throw error;
    }
  }

  async readStart(key: string, length: number): Promise<Buffer> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${length - 1}` }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  async sha256(key: string): Promise<string> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const hash = createHash('sha256');
    for await (const chunk of object.Body as Readable) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  async delete(keys: readonly string[]): Promise<void> {
    // One DeleteObject each: DeleteObjects requires a body checksum that not every S3-compatible store checks alike.
    for (const key of keys) await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  close(): void {
    this.s3.destroy();
    if (this.presigner !== this.s3) this.presigner.destroy();
  }
}
