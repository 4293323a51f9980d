import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { internalContextKeysEnv, internalContextKeyVariable } from '@cellgraph/kernel/core';
import { type CellSettings, ConfigurationError, namePrefix } from './config.js';
import type { CellManifest } from './manifest.js';

/**
 * Secrets Manager: every secret a process of the cell reads, encrypted with the cell's KMS key and
 * injected into its tasks by ECS (never in a task definition's plain environment). Each service's
 * execution role may read exactly the secrets its containers name (services.ts), so a subgraph reads
 * its own internal-context key and the secrets its subgraph declares, and no other subgraph's.
 */
export interface StoredSecret {
  /** The variable the processes read it as. */
  variable: string;
  arn: pulumi.Output<string>;
}

export interface CellSecretStore {
  key: aws.kms.Key;
  databaseAdminUrl: StoredSecret;
  databaseAppPassword: StoredSecret;
  redisUrl: StoredSecret;
  internalContextSecret: StoredSecret;
  /** INTERNAL_CONTEXT_KEY_<NAME> of each subgraph, by subgraph. */
  internalContextKeys: Record<string, StoredSecret>;
  /** The subgraphs' own secrets (catalog `secrets`), by variable. */
  subgraphOwned: Record<string, StoredSecret>;
  smtpUrl?: StoredSecret;
}

export function createKey(settings: CellSettings, parent: pulumi.Resource): aws.kms.Key {
  const prefix = namePrefix(settings);
  const key = new aws.kms.Key(
    `${prefix}-key`,
    {
      description: `cellgraph ${settings.stack}: database, cache, buckets, secrets and logs at rest`,
      enableKeyRotation: true,
      deletionWindowInDays: settings.production ? 30 : 7,
    },
    { parent, protect: settings.production },
  );
  new aws.kms.Alias(`${prefix}-key`, { name: `alias/${prefix}`, targetKeyId: key.keyId }, { parent });
  return key;
}

export function createSecretStore(
  settings: CellSettings,
  manifest: CellManifest,
  key: aws.kms.Key,
  endpoints: { databaseHost: pulumi.Output<string>; redisHost: pulumi.Output<string> },
  parent: pulumi.Resource,
): CellSecretStore {
  const prefix = namePrefix(settings);
  const store = (name: string, variable: string, value: pulumi.Input<string>, description: string): StoredSecret => {
    const secret = new aws.secretsmanager.Secret(
      `${prefix}-${name}`,
      { name: `${settings.stack}/${name}`, kmsKeyId: key.arn, description, recoveryWindowInDays: settings.production ? 30 : 7 },
      { parent },
    );
    new aws.secretsmanager.SecretVersion(`${prefix}-${name}`, { secretId: secret.id, secretString: pulumi.secret(value) }, { parent });
    return { variable, arn: secret.arn };
  };
  const { secrets, database } = settings;

  const adminUrl = pulumi.interpolate`postgresql://${database.adminUser}:${secrets.databasePassword.apply(encodeURIComponent)}@${endpoints.databaseHost}:5432/${database.name}?sslmode=no-verify`;
  const redisUrl = pulumi.interpolate`rediss://:${secrets.redisAuthToken.apply(encodeURIComponent)}@${endpoints.redisHost}:6379`;

  const names = manifest.subgraphs.map((subgraph) => subgraph.name);
  const derived = secrets.internalContextSecret.apply((secret) => internalContextKeysEnv(Buffer.from(secret, 'base64url'), names));
  const internalContextKeys = Object.fromEntries(
    names.map((name) => {
      const variable = internalContextKeyVariable(name);
      return [
        name,
        store(
          `internal-context-key-${name}`,
          variable,
          derived.apply((env) => env[variable]!),
          `Internal-context key of the ${name} subgraph`,
        ),
      ];
    }),
  );

  const subgraphOwned: Record<string, StoredSecret> = {};
  for (const subgraph of manifest.subgraphs) {
    for (const variable of subgraph.secrets) {
      subgraphOwned[variable] ??= store(
        `subgraph-${variable.toLowerCase().replaceAll('_', '-')}`,
        variable,
        secrets.subgraphSecrets.apply((values) => {
          const value = values[variable];
          if (!value) {
            throw new ConfigurationError(
              `Stack ${settings.stack}: the ${subgraph.name} subgraph needs the secret ${variable}: set cellgraph:subgraphSecrets.${variable} (npm run -w infra-pulumi stack-secrets -- ${settings.stack})`,
            );
          }
          return value;
        }),
        `${variable}, read by the ${subgraph.name} subgraph`,
      );
    }
  }

  return {
    key,
    databaseAdminUrl: store('database-admin-url', 'DATABASE_URL', adminUrl, 'Administrator connection (the migrate task only)'),
    databaseAppPassword: store(
      'database-app-password',
      'DATABASE_APP_PASSWORD',
      secrets.databaseAppPassword,
      'Password of the subgraphs’ app and maintenance roles',
    ),
    redisUrl: store('redis-url', 'REDIS_URL', redisUrl, 'Redis with its auth token (TLS)'),
    internalContextSecret: store('internal-context-secret', 'INTERNAL_CONTEXT_SECRET', secrets.internalContextSecret, 'The gateway’s internal-context secret'),
    internalContextKeys,
    subgraphOwned,
    smtpUrl: secrets.smtpUrl ? store('smtp-url', 'SMTP_URL', secrets.smtpUrl, 'SMTP submission URL for e-mail') : undefined,
  };
}
