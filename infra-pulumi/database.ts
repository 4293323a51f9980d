import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, namePrefix } from './config.js';

/**
 * Aurora PostgreSQL Serverless v2: a writer and a reader in different zones (the reader takes over
 * in about 30 s), encrypted with the cell's key, TLS enforced, in the isolated subnets and reachable
 * only from the app tiers' security groups. Point-in-time recovery and AWS Backup retention follow
 * the DR tier; production has deletion protection and a final snapshot. One database, one schema and
 * set of roles per enabled subgraph — created by the migrate task, not here (migration.ts).
 */
export interface Database {
  cluster: aws.rds.Cluster;
  writer: aws.rds.ClusterInstance;
  reader: aws.rds.ClusterInstance;
}

export function createDatabase(
  settings: CellSettings,
  args: { subnetIds: pulumi.Input<string>[]; securityGroupId: pulumi.Input<string>; key: aws.kms.Key; monitoringRoleArn: pulumi.Input<string> },
  parent: pulumi.Resource,
): Database {
  const prefix = namePrefix(settings);
  const { database, drTier, production } = settings;
  const subnets = new aws.rds.SubnetGroup(
    `${prefix}-db`,
    { subnetIds: args.subnetIds, description: `cellgraph ${settings.stack}: isolated subnets` },
    { parent },
  );
  const family = `aurora-postgresql${database.engineVersion.split('.')[0]}`;
  const parameters = new aws.rds.ClusterParameterGroup(
    `${prefix}-db`,
    {
      family,
      description: `cellgraph ${settings.stack}`,
      parameters: [
        { name: 'rds.force_ssl', value: '1' },
        { name: 'log_min_duration_statement', value: '1000' },
        { name: 'shared_preload_libraries', value: 'pg_stat_statements', applyMethod: 'pending-reboot' },
      ],
    },
    { parent },
  );
  const cluster = new aws.rds.Cluster(
    `${prefix}-db`,
    {
      clusterIdentifier: `${prefix}-db`,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: database.engineVersion,
      databaseName: database.name,
      masterUsername: database.adminUser,
      masterPassword: settings.secrets.databasePassword,
      serverlessv2ScalingConfiguration: { minCapacity: database.minAcu, maxCapacity: database.maxAcu },
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [args.securityGroupId],
      dbClusterParameterGroupName: parameters.name,
      storageEncrypted: true,
      kmsKeyId: args.key.arn,
      backupRetentionPeriod: drTier.backupRetentionDays,
      preferredBackupWindow: '02:00-03:00',
      preferredMaintenanceWindow: 'sun:03:30-sun:04:30',
      copyTagsToSnapshot: true,
      deletionProtection: production,
      skipFinalSnapshot: !production,
      finalSnapshotIdentifier: production ? `${prefix}-db-final` : undefined,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ['postgresql'],
      applyImmediately: !production,
    },
    { parent, protect: production },
  );
  const instance = (role: 'writer' | 'reader', promotionTier: number, zone: string) =>
    new aws.rds.ClusterInstance(
      `${prefix}-db-${role}`,
      {
        identifier: `${prefix}-db-${role}`,
        clusterIdentifier: cluster.id,
        instanceClass: 'db.serverless',
        engine: 'aurora-postgresql',
        engineVersion: cluster.engineVersion,
        availabilityZone: zone,
        promotionTier,
        publiclyAccessible: false,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: args.key.arn,
        monitoringInterval: 60,
        monitoringRoleArn: args.monitoringRoleArn,
        autoMinorVersionUpgrade: true,
      },
      { parent },
    );
  const writer = instance('writer', 0, settings.availabilityZones[0]!);
  const reader = instance('reader', 1, settings.availabilityZones[1]!);
  return { cluster, writer, reader };
}
