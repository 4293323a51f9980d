import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, namePrefix } from './config.js';

/**
 * S3 buckets, every one private (public access blocked, objects owned by the bucket, TLS only) and
 * encrypted: `files` (the organizations' files under `org/<org id>/`, SSE-KMS with the cell's key,
 * versioned, older versions and unfinished uploads expire, cold files move to Infrequent Access),
 * `backups` (database exports and snapshots' exports, SSE-KMS, versioned, expiring after the DR
 * tier's retention) and `spa` (the web app, SSE-S3 so CloudFront's origin access control can read it).
 */
export interface Buckets {
  /** Only in a cell with the files subgraph. */
  files: aws.s3.Bucket | null;
  backups: aws.s3.Bucket;
  spa: aws.s3.Bucket;
}

/** Where an organization's files live (the files subgraph's keys, `org/<orgId>/<uuid>`): IAM grants the files service `org/*` only. */
export const FILES_PREFIX = 'org/';

function privateBucket(
  settings: CellSettings,
  purpose: string,
  encryption: { key?: aws.kms.Key },
  lifecycle: aws.types.input.s3.BucketLifecycleConfigurationRule[],
  parent: pulumi.Resource,
): aws.s3.Bucket {
  const name = `${namePrefix(settings)}-${purpose}`;
  const bucket = new aws.s3.Bucket(name, { forceDestroy: !settings.production }, { parent, protect: settings.production && purpose !== 'spa' });
  new aws.s3.BucketPublicAccessBlock(
    name,
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    { parent },
  );
  new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } }, { parent });
  new aws.s3.BucketServerSideEncryptionConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [
        encryption.key
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: encryption.key.arn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    },
    { parent },
  );
  new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } }, { parent });
  new aws.s3.BucketLifecycleConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [{ id: 'abort-incomplete-uploads', status: 'Enabled', filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }, ...lifecycle],
    },
    { parent },
  );
  return bucket;
}

/** The organizations' files (the files subgraph's store): browsers PUT and GET presigned URLs from the app's origin. */
function filesBucket(settings: CellSettings, key: aws.kms.Key, parent: pulumi.Resource): aws.s3.Bucket {
  const files = privateBucket(
    settings,
    'files',
    { key },
    [
      { id: 'files-infrequent-access', status: 'Enabled', filter: { prefix: FILES_PREFIX }, transitions: [{ days: 90, storageClass: 'STANDARD_IA' }] },
      { id: 'files-old-versions', status: 'Enabled', filter: {}, noncurrentVersionExpiration: { noncurrentDays: 30 } },
    ],
    parent,
  );
  // Browsers send presigned PUTs and GETs straight to the bucket, from the app's origin only.
  new aws.s3.BucketCorsConfiguration(
    `${namePrefix(settings)}-files`,
    {
      bucket: files.id,
      corsRules: [
        {
          allowedOrigins: [`https://${settings.domain}`],
          allowedMethods: ['GET', 'PUT', 'HEAD'],
          allowedHeaders: ['*'],
          exposeHeaders: ['ETag'],
          maxAgeSeconds: 3000,
        },
      ],
    },
    { parent },
  );
  return files;
}

export function createBuckets(settings: CellSettings, key: aws.kms.Key, withFiles: boolean, parent: pulumi.Resource): Buckets {
  const files = withFiles ? filesBucket(settings, key, parent) : null;
  const retention = settings.drTier.backupObjectRetentionDays;
  const backups = privateBucket(
    settings,
    'backups',
    { key },
    [
      {
        id: 'backups-retention',
        status: 'Enabled',
        filter: {},
        transitions: [{ days: 30, storageClass: 'GLACIER_IR' }],
        expiration: { days: retention },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      },
    ],
    parent,
  );
  const spa = privateBucket(
    settings,
    'spa',
    {},
    [{ id: 'spa-old-versions', status: 'Enabled', filter: {}, noncurrentVersionExpiration: { noncurrentDays: 30 } }],
    parent,
  );
  return { files, backups, spa };
}

/** A bucket's policy: TLS only, plus `statements` (e.g. CloudFront's read of the SPA, the files bucket's deny to all but its service). */
export function bucketPolicy(
  name: string,
  bucket: aws.s3.Bucket,
  statements: pulumi.Input<Record<string, unknown>>[],
  parent: pulumi.Resource,
): aws.s3.BucketPolicy {
  return new aws.s3.BucketPolicy(
    name,
    {
      bucket: bucket.id,
      policy: pulumi.all([bucket.arn, pulumi.output(statements)]).apply(([arn, extra]) =>
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'TlsOnly',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [arn, `${arn}/*`],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            ...extra,
          ],
        }),
      ),
    },
    { parent },
  );
}
