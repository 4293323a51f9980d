import * as pulumi from '@pulumi/pulumi';

/**
 * Stack configuration: the stack's name says the cell and the environment (`<cell>-<env>`), the
 * stack's config (Pulumi.<stack>.yaml, namespace `cellgraph`) the rest. Every key, its default and
 * its meaning: README.md, "Stack configuration".
 */

export const ENVIRONMENTS = ['staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/**
 * Disaster-recovery tiers (RPO / RTO): what each sets is in DR_TIERS. A production stack defaults to
 * `important`, staging to `standard`.
 */
export const DR_TIER_NAMES = ['standard', 'important', 'critical'] as const;
export type DrTierName = (typeof DR_TIER_NAMES)[number];

export interface DrTier {
  name: DrTierName;
  /** Recovery point objective in minutes, recovery time objective in hours (what the settings achieve). */
  rpoMinutes: number;
  rtoHours: number;
  /** Aurora's automated backups: point-in-time recovery over this many days (1–35). */
  backupRetentionDays: number;
  /** AWS Backup: daily recovery points kept this long in the cell's vault. */
  snapshotRetentionDays: number;
  /** AWS Backup: the recovery points copied to the DR region's vault as well. */
  copyToDrRegion: boolean;
  /** ElastiCache snapshots (Redis is never the only record: see DESIGN, decision 15). */
  redisSnapshotRetentionDays: number;
  /** Objects in the backups bucket expire after this many days. */
  backupObjectRetentionDays: number;
}

export const DR_TIERS: Readonly<Record<DrTierName, DrTier>> = {
  standard: {
    name: 'standard',
    rpoMinutes: 240,
    rtoHours: 24,
    backupRetentionDays: 7,
    snapshotRetentionDays: 14,
    copyToDrRegion: false,
    redisSnapshotRetentionDays: 1,
    backupObjectRetentionDays: 90,
  },
  important: {
    name: 'important',
    rpoMinutes: 60,
    rtoHours: 4,
    backupRetentionDays: 14,
    snapshotRetentionDays: 35,
    copyToDrRegion: false,
    redisSnapshotRetentionDays: 3,
    backupObjectRetentionDays: 365,
  },
  critical: {
    name: 'critical',
    rpoMinutes: 15,
    rtoHours: 1,
    backupRetentionDays: 35,
    snapshotRetentionDays: 90,
    copyToDrRegion: true,
    redisSnapshotRetentionDays: 7,
    backupObjectRetentionDays: 2555,
  },
};

export interface ServiceSize {
  /** Fargate CPU units (256 = 1/4 vCPU) and memory in MiB. */
  cpu: number;
  memory: number;
  /** Tasks: at least `min` (the desired count), scaled on CPU up to `max`. */
  min: number;
  max: number;
}

export interface CellSettings {
  project: string;
  stack: string;
  cell: string;
  environment: Environment;
  production: boolean;
  region: string;
  /** Three availability zones of the region. */
  availabilityZones: string[];
  vpcCidr: string;
  /** NAT gateways: one per zone in production (a zone's outage leaves the others' egress), one in staging. */
  natGateways: number;
  /** The image every service runs: CELLGRAPH_IMAGE (the deploy workflow's `ghcr.io/<owner>/<repo>:sha-<commit>`) or `cellgraph:image`. */
  image: string;
  /** The cell's DNS name: the SPA at https://<domain>/, the API at https://<domain>/graphql. */
  domain: string;
  /** The shared network account's parent zone of `domain` and the role that writes the delegation there. */
  parentZoneId?: string;
  dnsDelegationRoleArn?: string;
  drTier: DrTier;
  /** The region AWS Backup copies recovery points to when the tier asks for it. */
  drRegion: string;
  database: { engineVersion: string; minAcu: number; maxAcu: number; name: string; adminUser: string };
  redis: { nodeType: string; replicas: number; engineVersion: string };
  gateway: ServiceSize;
  subgraph: ServiceSize;
  worker: ServiceSize;
  migrate: { cpu: number; memory: number };
  /** The GraphQL explorer on the endpoint (EXPLORER_ENABLED): on in staging by default. */
  explorer: boolean;
  logRetentionDays: number;
  /** E-mail of the alarm topic's subscription (optional) and the monthly budget in USD. */
  alarmEmail?: string;
  monthlyBudgetUsd: number;
  emailFrom: string;
  /** WAF: requests per 5 minutes per client address before it is blocked. */
  rateLimitPer5Minutes: number;
  accounts: {
    /** owner/repo whose GitHub Actions (OIDC) may assume the deployer role of this environment. */
    githubRepository: string;
    /** An existing GitHub OIDC provider's ARN in this account; unset: the program creates it. */
    githubOidcProviderArn?: string;
    /** The central log-archive account: its role may read this cell's logs. */
    loggingAccountId?: string;
    /** A role of the CI/CD account that may assume the deployer role (cross-account, as the specification draws it). */
    cicdRoleArn?: string;
    /** The role the program's AWS provider assumes in the cell's account (CI's credentials are the CI/CD account's). */
    assumeRoleArn?: string;
  };
  secrets: CellSecrets;
}

/** The stack's secrets (config set with --secret; `npm run -w infra-pulumi stack-secrets -- <stack>` generates them). */
export interface CellSecrets {
  databasePassword: pulumi.Output<string>;
  databaseAppPassword: pulumi.Output<string>;
  redisAuthToken: pulumi.Output<string>;
  internalContextSecret: pulumi.Output<string>;
  /** CloudFront proves itself to the load balancer with this header value. */
  originVerifyToken: pulumi.Output<string>;
  /** The secrets the cell's subgraphs own, by variable (e.g. AUTH_SIGNING_KEY): `cellgraph:subgraphSecrets`. */
  subgraphSecrets: pulumi.Output<Record<string, string>>;
  /** SMTP_URL for e-mail (optional: without it e-mail goes to the file sink, i.e. nowhere). */
  smtpUrl?: pulumi.Output<string>;
  /** A GitHub token (read:packages) for ECR's pull-through cache of ghcr.io. */
  ghcrToken?: pulumi.Output<string>;
  ghcrUser?: string;
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** `<cell>-<env>` → cell and environment; anything else is refused with the expected form. */
export function parseStackName(stack: string): { cell: string; environment: Environment } {
  const match = /^([a-z][a-z0-9-]*)-([a-z]+)$/.exec(stack);
  const environment = match?.[2] as Environment | undefined;
  if (!match || !environment || !ENVIRONMENTS.includes(environment)) {
    throw new ConfigurationError(`Stack ${JSON.stringify(stack)}: stacks are named <cell>-<env>, env one of ${ENVIRONMENTS.join(', ')} (e.g. sales-staging)`);
  }
  return { cell: match[1]!, environment };
}

const size = (config: pulumi.Config, key: string, fallback: ServiceSize): ServiceSize => ({
  ...fallback,
  ...(config.getObject<Partial<ServiceSize>>(key) ?? {}),
});

/** The settings of the running stack, from its name, its config and CELLGRAPH_IMAGE. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): CellSettings {
  const stack = pulumi.getStack();
  const { cell, environment } = parseStackName(stack);
  const production = environment === 'production';
  const config = new pulumi.Config('cellgraph');
  const aws = new pulumi.Config('aws');
  const region = aws.require('region');

  const image = env.CELLGRAPH_IMAGE || config.get('image');
  if (!image) throw new ConfigurationError('No image: set CELLGRAPH_IMAGE (the deploy workflow does) or cellgraph:image');

  const tierName = (config.get('drTier') ?? (production ? 'important' : 'standard')) as DrTierName;
  if (!DR_TIER_NAMES.includes(tierName)) throw new ConfigurationError(`cellgraph:drTier must be one of ${DR_TIER_NAMES.join(', ')} (got ${tierName})`);

  const zones = config.getObject<string[]>('availabilityZones') ?? ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
  if (zones.length !== 3) throw new ConfigurationError('cellgraph:availabilityZones must list three zones');

  const subgraphSecrets = config.getSecretObject<Record<string, string>>('subgraphSecrets') ?? pulumi.secret<Record<string, string>>({});
  const ghcrToken = config.getSecret('ghcrToken');

  return {
    project: pulumi.getProject(),
    stack,
    cell,
    environment,
    production,
    region,
    availabilityZones: zones,
    vpcCidr: config.get('vpcCidr') ?? '10.0.0.0/16',
    natGateways: config.getNumber('natGateways') ?? (production ? 3 : 1),
    image,
    domain: config.require('domain'),
    parentZoneId: config.get('parentZoneId'),
    dnsDelegationRoleArn: config.get('dnsDelegationRoleArn'),
    drTier: DR_TIERS[tierName],
    drRegion: config.get('drRegion') ?? (region === 'eu-west-1' ? 'eu-central-1' : 'eu-west-1'),
    database: {
      engineVersion: config.get('databaseEngineVersion') ?? '16.6',
      minAcu: config.getNumber('databaseMinAcu') ?? (production ? 1 : 0.5),
      maxAcu: config.getNumber('databaseMaxAcu') ?? (production ? 16 : 4),
      name: 'cellgraph',
      adminUser: 'cellgraph_admin',
    },
    redis: {
      nodeType: config.get('redisNodeType') ?? (production ? 'cache.t4g.medium' : 'cache.t4g.micro'),
      replicas: config.getNumber('redisReplicas') ?? (production ? 1 : 0),
      engineVersion: '7.1',
    },
    gateway: size(config, 'gatewaySize', production ? { cpu: 1024, memory: 2048, min: 2, max: 10 } : { cpu: 512, memory: 1024, min: 1, max: 2 }),
    subgraph: size(config, 'subgraphSize', production ? { cpu: 512, memory: 1024, min: 2, max: 10 } : { cpu: 256, memory: 512, min: 1, max: 2 }),
    worker: size(config, 'workerSize', production ? { cpu: 512, memory: 1024, min: 2, max: 4 } : { cpu: 256, memory: 512, min: 1, max: 1 }),
    migrate: { cpu: 512, memory: 1024 },
    explorer: config.getBoolean('explorer') ?? !production,
    logRetentionDays: config.getNumber('logRetentionDays') ?? (production ? 90 : 14),
    alarmEmail: config.get('alarmEmail'),
    monthlyBudgetUsd: config.getNumber('monthlyBudgetUsd') ?? (production ? 1500 : 300),
    emailFrom: config.get('emailFrom') ?? `Cellgraph <no-reply@${config.require('domain')}>`,
    rateLimitPer5Minutes: config.getNumber('rateLimitPer5Minutes') ?? 2000,
    accounts: {
      githubRepository: config.require('githubRepository'),
      githubOidcProviderArn: config.get('githubOidcProviderArn'),
      loggingAccountId: config.get('loggingAccountId'),
      cicdRoleArn: config.get('cicdRoleArn'),
      assumeRoleArn: config.get('assumeRoleArn'),
    },
    secrets: {
      databasePassword: config.requireSecret('databasePassword'),
      databaseAppPassword: config.requireSecret('databaseAppPassword'),
      redisAuthToken: config.requireSecret('redisAuthToken'),
      internalContextSecret: config.requireSecret('internalContextSecret'),
      originVerifyToken: config.requireSecret('originVerifyToken'),
      subgraphSecrets,
      smtpUrl: config.getSecret('smtpUrl'),
      ghcrToken,
      ghcrUser: config.get('ghcrUser'),
    },
  };
}

/** Tags every resource of the stack carries (the provider's default tags). */
export const cellTags = (settings: CellSettings): Record<string, string> => ({
  'cellgraph:cell': settings.cell,
  'cellgraph:environment': settings.environment,
  'cellgraph:stack': settings.stack,
  'cellgraph:dr-tier': settings.drTier.name,
});

/** Physical-name prefix of the stack's resources: `cg-<cell>-<env>` (short: ALB and target-group names stop at 32 characters). */
export const namePrefix = (settings: CellSettings) => `cg-${settings.cell}-${settings.environment === 'production' ? 'prod' : 'stg'}`;
