import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, namePrefix } from './config.js';

/**
 * ElastiCache Redis: a replication group (a replica in another zone with automatic failover in
 * production), TLS in transit, an auth token, encrypted at rest, in the isolated subnets. BullMQ
 * needs `maxmemory-policy noeviction` (an evicted job key is a lost job). Redis is never the only
 * record (DESIGN, decision 15): snapshots are short-lived.
 */
export function createCache(
  settings: CellSettings,
  args: { subnetIds: pulumi.Input<string>[]; securityGroupId: pulumi.Input<string>; key: aws.kms.Key },
  parent: pulumi.Resource,
): aws.elasticache.ReplicationGroup {
  const prefix = namePrefix(settings);
  const { redis } = settings;
  const subnets = new aws.elasticache.SubnetGroup(
    `${prefix}-redis`,
    { subnetIds: args.subnetIds, description: `cellgraph ${settings.stack}: isolated subnets` },
    { parent },
  );
  const parameters = new aws.elasticache.ParameterGroup(
    `${prefix}-redis`,
    {
      family: `redis${redis.engineVersion.split('.')[0]}`,
      parameters: [{ name: 'maxmemory-policy', value: 'noeviction' }],
      description: 'BullMQ: never evict',
    },
    { parent },
  );
  const replicated = redis.replicas > 0;
  return new aws.elasticache.ReplicationGroup(
    `${prefix}-redis`,
    {
      replicationGroupId: `${prefix}-redis`,
      description: `cellgraph ${settings.stack}: cache, queues, live events`,
      engine: 'redis',
      engineVersion: redis.engineVersion,
      nodeType: redis.nodeType,
      numCacheClusters: 1 + redis.replicas,
      automaticFailoverEnabled: replicated,
      multiAzEnabled: replicated,
      port: 6379,
      parameterGroupName: parameters.name,
      subnetGroupName: subnets.name,
      securityGroupIds: [args.securityGroupId],
      transitEncryptionEnabled: true,
      authToken: settings.secrets.redisAuthToken,
      atRestEncryptionEnabled: true,
      kmsKeyId: args.key.arn,
      snapshotRetentionLimit: settings.drTier.redisSnapshotRetentionDays,
      snapshotWindow: '01:00-02:00',
      maintenanceWindow: 'sun:04:30-sun:05:30',
      autoMinorVersionUpgrade: true,
      applyImmediately: !settings.production,
    },
    { parent },
  );
}
