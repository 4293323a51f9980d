import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { createAccounts } from './accounts.js';
import { createBackups } from './backup.js';
import { createCache } from './cache.js';
import { type CellSettings, cellTags, namePrefix, readSettings } from './config.js';
import { createDatabase } from './database.js';
import { createCertificates, createEdge, createWebAcl, globalProvider } from './edge.js';
import { rdsMonitoringRole } from './iam.js';
import { type CellManifest, loadCellManifest, type SubgraphCatalog } from './manifest.js';
import { createMigration, migrateCommand } from './migration.js';
import { createMonitoring } from './monitoring.js';
import { createNetwork } from './network.js';
import { createKey, createSecretStore } from './secrets.js';
import { createSecurityGroups } from './security-groups.js';
import { createPlatform, createServices, FILES_SUBGRAPH, serviceName, serviceSpecs } from './services.js';
import { bucketPolicy, createBuckets } from './storage.js';

/** What a product team needs of its cell: the stack's outputs (index.ts exports them). */
export interface CellOutputs {
  cell: string;
  environment: string;
  subgraphs: string[];
  endpoint: string;
  spaUrl: string;
  explorerUrl: string;
  dashboardUrl: pulumi.Output<string>;
  nameServers: pulumi.Output<string[]>;
  databaseEndpoint: pulumi.Output<string>;
  databaseReaderEndpoint: pulumi.Output<string>;
  redisEndpoint: pulumi.Output<string>;
  /** Null in a cell without the files subgraph. */
  filesBucket: pulumi.Output<string> | null;
  backupsBucket: pulumi.Output<string>;
  spaBucket: pulumi.Output<string>;
  cloudFrontDistributionId: pulumi.Output<string>;
  alarmTopicArn: pulumi.Output<string>;
  deployerRoleArn: pulumi.Output<string>;
  previewRoleArn: pulumi.Output<string>;
  loggingRoleArn: pulumi.Output<string> | undefined;
  image: pulumi.Output<string>;
  migrateCommand: pulumi.Output<string>;
  rollback: string;
}

/** The cell's resources, under one component (`cellgraph:cell:Cell`). */
export class Cell extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('cellgraph:cell:Cell', name, {}, opts);
  }
}

/**
 * The whole program: settings from the stack, the manifest checked (an unknown subgraph or a missing
 * dependency throws here, before any resource is declared), then the cell.
 */
export function deployCell(options: { env?: NodeJS.ProcessEnv; catalog?: SubgraphCatalog; cellsDir?: string } = {}): CellOutputs {
  const settings = readSettings(options.env);
  const manifest = loadCellManifest(settings.cell, { catalog: options.catalog, cellsDir: options.cellsDir });
  return declareCell(settings, manifest);
}

export function declareCell(settings: CellSettings, manifest: CellManifest): CellOutputs {
  const prefix = namePrefix(settings);
  // The cell's account: the credentials' own, or the one `assumeRoleArn` leads to (from the CI/CD account).
  const assumeRoles = settings.accounts.assumeRoleArn ? [{ roleArn: settings.accounts.assumeRoleArn, sessionName: `pulumi-${settings.stack}` }] : undefined;
  const provider = new aws.Provider(`${prefix}-aws`, { region: settings.region as aws.Region, defaultTags: { tags: cellTags(settings) }, assumeRoles });
  const cell = new Cell(prefix, { providers: { aws: provider } });
  const parent = cell;

  const accounts = createAccounts(settings, parent);
  const network = createNetwork(settings, parent);
  const groups = createSecurityGroups(settings, network.vpc.id, parent, Boolean(settings.secrets.smtpUrl));
  const key = createKey(settings, parent);

  const database = createDatabase(
    settings,
    {
      subnetIds: network.isolatedSubnetIds,
      securityGroupId: groups.database.id,
      key,
      monitoringRoleArn: rdsMonitoringRole(`${prefix}-rds-monitoring`, parent).arn,
    },
    parent,
  );
  const redis = createCache(settings, { subnetIds: network.isolatedSubnetIds, securityGroupId: groups.redis.id, key }, parent);
  const buckets = createBuckets(
    settings,
    key,
    manifest.subgraphs.some((subgraph) => subgraph.name === FILES_SUBGRAPH),
    parent,
  );
  const secrets = createSecretStore(settings, manifest, key, { databaseHost: database.cluster.endpoint, redisHost: redis.primaryEndpointAddress }, parent);

  const usEast1 = globalProvider(settings, parent);
  const certificates = createCertificates(settings, accounts.zone, usEast1, parent);
  const webAcl = createWebAcl(settings, usEast1, parent);
  const platform = createPlatform(
    settings,
    { vpcId: network.vpc.id, publicSubnetIds: network.publicSubnetIds, groups, originCertificateArn: certificates.origin, key },
    parent,
  );

  const specs = serviceSpecs(settings, manifest, secrets, {
    databaseHost: database.cluster.endpoint,
    namespaceName: platform.namespaceName,
    filesBucket: buckets.files && { arn: buckets.files.arn, name: buckets.files.bucket },
  });
  const agentImage = new pulumi.Config('cellgraph').get('metricsAgentImage') ?? 'public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest';
  const [migrateTask] = createServices(
    settings,
    platform,
    specs.filter((spec) => spec.command === 'migrate'),
    { privateSubnetIds: network.privateSubnetIds, groups, migrated: pulumi.output(''), agentImage },
    parent,
  );
  const migration = createMigration(
    settings,
    manifest,
    { cluster: platform.cluster, task: migrateTask!, image: platform.image, subnetIds: network.privateSubnetIds, securityGroupId: groups.migrate.id },
    parent,
  );
  const services = createServices(
    settings,
    platform,
    specs.filter((spec) => spec.command !== 'migrate'),
    { privateSubnetIds: network.privateSubnetIds, groups, migrated: migration.migratedImage, agentImage },
    parent,
  );

  // Only the files service's task role (when the cell has one) and the worker's (its cleanup job) touch the organizations' files.
  const account = aws.getCallerIdentityOutput({}, { parent });
  const files = buckets.files;
  if (files)
    bucketPolicy(
      `${prefix}-files`,
      files,
      [
        pulumi.all([files.arn, account.accountId]).apply(([arn, accountId]) => ({
          Sid: 'OnlyTheFilesService',
          Effect: 'Deny',
          Principal: '*',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectVersion', 's3:DeleteObjectVersion'],
          Resource: `${arn}/*`,
          Condition: {
            ArnNotEquals: {
              'aws:PrincipalArn': [
                `arn:aws:iam::${accountId}:role/${serviceName(settings, `subgraph-${FILES_SUBGRAPH}`)}-task`,
                `arn:aws:iam::${accountId}:role/${serviceName(settings, 'worker')}-task`,
              ],
            },
          },
        })),
      ],
      parent,
    );
  bucketPolicy(`${prefix}-backups`, buckets.backups, [], parent);

  const edge = createEdge(settings, { zone: accounts.zone, certificates, spa: buckets.spa, loadBalancer: platform.loadBalancer, webAcl }, parent);
  createBackups(settings, { clusterArn: database.cluster.arn, key }, parent);
  const monitoring = createMonitoring(
    settings,
    manifest,
    { platform, services: [...services], clusterIdentifier: database.cluster.clusterIdentifier, redisGroupId: redis.id },
    parent,
  );

  const endpoint = `https://${settings.domain}/graphql`;
  return {
    cell: settings.cell,
    environment: settings.environment,
    subgraphs: manifest.subgraphs.map((subgraph) => subgraph.name),
    endpoint,
    spaUrl: `https://${settings.domain}/`,
    explorerUrl: settings.explorer ? endpoint : 'off (cellgraph:explorer false): the endpoint serves no explorer page',
    dashboardUrl: pulumi.interpolate`https://${settings.region}.console.aws.amazon.com/cloudwatch/home?region=${settings.region}#dashboards/dashboard/${monitoring.dashboard.dashboardName}`,
    nameServers: accounts.zone.nameServers,
    databaseEndpoint: database.cluster.endpoint,
    databaseReaderEndpoint: database.cluster.readerEndpoint,
    redisEndpoint: redis.primaryEndpointAddress,
    filesBucket: buckets.files?.bucket ?? null,
    backupsBucket: buckets.backups.bucket,
    spaBucket: buckets.spa.bucket,
    cloudFrontDistributionId: edge.distribution.id,
    alarmTopicArn: monitoring.topic.arn,
    deployerRoleArn: accounts.deployerRole.arn,
    previewRoleArn: accounts.previewRole.arn,
    loggingRoleArn: accounts.loggingRole?.arn,
    image: platform.image,
    migrateCommand: migrateCommand(settings, {
      cluster: platform.cluster.name,
      taskDefinition: migrateTask!.taskDefinition.arn,
      subnetIds: network.privateSubnetIds,
      securityGroupId: groups.migrate.id,
    }),
    rollback:
      `Services: each rolls back by itself when its new tasks fail their health checks (ECS circuit breaker). ` +
      `A release: CELLGRAPH_IMAGE=<the previous image> pulumi up --stack ${settings.stack} (migrations are additive, the previous image runs on the migrated schema). ` +
      `Data: restore the database to a point in time (README, "Migrations and rollback").`,
  };
}
