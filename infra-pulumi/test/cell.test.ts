import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELLS_DIR } from '../../scripts/runtime/cell-paths.js';
import { DR_TIERS } from '../config.js';
import { MANAGED_RULE_GROUPS } from '../edge.js';
import { readCatalog, type SubgraphCatalog } from '../manifest.js';
import { CELL_QUEUES } from '../monitoring.js';
import { TIER_RULES } from '../security-groups.js';
import { type Declared, runCell, type Run } from './mocks.js';

/**
 * The program against Pulumi's mocks, for the committed cells all, sales and core (staging), and
 * production stacks: what each declares, and what it must not. One run per stack, shared by its tests.
 */
const catalog = readCatalog();
const manifestSubgraphs = (cell: string) => (JSON.parse(readFileSync(join(CELLS_DIR, cell, 'cell.json'), 'utf8')) as { subgraphs: string[] }).subgraphs;
const prefixOf = (stack: string) => `cg-${stack.replace(/-staging$/, '-stg').replace(/-production$/, '-prod')}`;

const json = (value: unknown) => JSON.parse(String(value)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- policies and container definitions
const secretValue = (value: unknown) => (value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value);
const policyOf = (run: Run, role: string) => run.of('aws:iam/rolePolicy:RolePolicy').find((policy) => policy.name === role);
const containersOf = (taskDefinition: Declared) => JSON.parse(String(taskDefinition.inputs.containerDefinitions)) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- ECS JSON

const runs = new Map<string, Run>();
const run = (stack: string) => {
  const found = runs.get(stack);
  if (!found) throw new Error(`${stack} was not run`);
  return found;
};

beforeAll(async () => {
  // Sequential: the mocks are process-wide.
  for (const stack of ['all-staging', 'sales-staging', 'core-staging']) runs.set(stack, await runCell(stack));
  runs.set(
    'all-production',
    await runCell('all-production', { config: { 'cellgraph:cicdRoleArn': 'arn:aws:iam::333333333333:role/cellgraph-ci', 'cellgraph:ghcrToken': 'ghp_token' } }),
  );
  runs.set('core-production', await runCell('core-production', { config: { 'cellgraph:drTier': 'critical' } }));
});

describe.each(['all', 'sales', 'core'])('cell %s (staging)', (cell) => {
  const stack = `${cell}-staging`;
  const prefix = prefixOf(stack);
  const enabled = () => run(stack).resolved.subgraphs as string[];

  it('deploys exactly the manifest’s subgraphs, dependencies first', () => {
    expect([...enabled()].sort()).toEqual([...manifestSubgraphs(cell)].sort());
    expect(enabled()[0]).toBe('identity');
  });

  it('runs a service per enabled subgraph, the gateway and the worker, and the migrate task, all from one image', () => {
    const current = run(stack);
    const services = current.of('aws:ecs/service:Service').map((service) => service.inputs.name as string);
    expect(services.sort()).toEqual([`${prefix}-gateway`, `${prefix}-worker`, ...enabled().map((name) => `${prefix}-subgraph-${name}`)].sort());
    expect(
      current
        .of('aws:servicediscovery/service:Service')
        .map((service) => service.inputs.name as string)
        .sort(),
    ).toEqual(['gateway', ...enabled()].sort());
    const definitions = current.of('aws:ecs/taskDefinition:TaskDefinition');
    expect(definitions.map((definition) => definition.inputs.family as string).sort()).toEqual([...services, `${prefix}-migrate`].sort());
    for (const definition of definitions) {
      const app = containersOf(definition)[0]!;
      expect(app.image).toBe('ghcr.io/acme/cellgraph:sha-0123456789abcdef');
      expect(['gateway', 'subgraph', 'worker', 'migrate']).toContain(app.command[0]);
      expect(app.environment).toContainEqual({ name: 'CELL', value: cell });
    }
    for (const name of enabled()) {
      const subgraph = containersOf(current.named('aws:ecs/taskDefinition:TaskDefinition', `${prefix}-subgraph-${name}-task`))[0]!;
      expect(subgraph.environment).toEqual(
        expect.arrayContaining([
          { name: 'SUBGRAPHS', value: name },
          { name: 'WORKERS', value: 'off' },
        ]),
      );
    }
  });

  it('migrates the manifest’s subgraphs (schemas and roles) before the services roll', () => {
    const current = run(stack);
    const invocation = current.of('aws:lambda/invocation:Invocation')[0]!;
    expect(invocation.inputs.triggers.subgraphs).toBe(enabled().join(','));
    const input = json(invocation.inputs.input);
    expect(input.taskDefinition).toContain(`${prefix}-migrate-task`);
    expect(input.image).toBe('ghcr.io/acme/cellgraph:sha-0123456789abcdef');
    for (const service of current.of('aws:ecs/service:Service')) expect(service.inputs.tags['cellgraph:migrated']).toBe(input.image);
    const migrate = containersOf(current.named('aws:ecs/taskDefinition:TaskDefinition', `${prefix}-migrate-task`))[0]!;
    expect(migrate.command).toEqual(['migrate']);
    expect(migrate.secrets.map((secret: { name: string }) => secret.name).sort()).toEqual(['DATABASE_APP_PASSWORD', 'DATABASE_URL']);
  });

  it('has no resource, secret, queue or alarm of a subgraph the cell does not enable', () => {
    const current = run(stack);
    const disabled = Object.keys(catalog).filter((name) => !enabled().includes(name));
    for (const name of disabled) {
      expect(current.resources.filter((resource) => new RegExp(`-${name}(-|$)`).test(resource.name)).map((resource) => resource.name)).toEqual([]);
      expect(
        current
          .of('aws:cloudwatch/metricAlarm:MetricAlarm')
          .filter((alarm) => new RegExp(`"${name}(-events|-jobs)?"`).test(JSON.stringify(alarm.inputs.dimensions)))
          .map((alarm) => alarm.name),
      ).toEqual([]);
    }
    if (cell === 'sales') {
      expect(current.resources.filter((resource) => /tasks/.test(resource.name))).toEqual([]);
      expect(JSON.stringify(current.of('aws:cloudwatch/dashboard:Dashboard')[0]!.inputs.dashboardBody)).not.toContain('tasks');
    }
  });

  it('has security groups that admit only tier-to-tier traffic (and CloudFront to the load balancer)', () => {
    const current = run(stack);
    const tierOf = new Map(current.of('aws:ec2/securityGroup:SecurityGroup').map((group) => [group.id, group.inputs.tags.tier as string]));
    const ingress = current.of('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule');
    for (const rule of ingress) {
      expect(rule.inputs.cidrIpv4, rule.name).toBeUndefined();
      expect(rule.inputs.cidrIpv6, rule.name).toBeUndefined();
    }
    const fromCloudFront = ingress.filter((rule) => rule.inputs.prefixListId);
    expect(fromCloudFront.map((rule) => [tierOf.get(rule.inputs.securityGroupId), rule.inputs.prefixListId, rule.inputs.fromPort])).toEqual([
      ['alb', 'pl-cloudfront', 443],
    ]);
    const tierToTier = ingress
      .filter((rule) => rule.inputs.referencedSecurityGroupId)
      .map((rule) => `${tierOf.get(rule.inputs.referencedSecurityGroupId)}->${tierOf.get(rule.inputs.securityGroupId)}:${rule.inputs.fromPort}`);
    expect(tierToTier.sort()).toEqual(TIER_RULES.map(([from, to, port]) => `${from}->${to}:${port}`).sort());
    expect(tierToTier.filter((rule) => rule.startsWith('alb->'))).toEqual(['alb->gateway:4000']);
    expect(tierToTier.filter((rule) => rule.includes('->database')).sort()).toEqual([
      'migrate->database:5432',
      'subgraph->database:5432',
      'worker->database:5432',
    ]);
    expect(tierToTier.filter((rule) => rule.includes('->redis')).sort()).toEqual(['gateway->redis:6379', 'subgraph->redis:6379', 'worker->redis:6379']);

    const egress = current.of('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule');
    for (const rule of egress.filter((rule) => rule.inputs.cidrIpv4)) {
      expect(rule.inputs.fromPort, rule.name).toBe(443);
      expect(['gateway', 'subgraph', 'worker', 'migrate']).toContain(tierOf.get(rule.inputs.securityGroupId));
    }
    for (const tier of ['database', 'redis', 'alb']) {
      const outbound = egress.filter((rule) => tierOf.get(rule.inputs.securityGroupId) === tier);
      expect(
        outbound.every((rule) => rule.inputs.referencedSecurityGroupId),
        tier,
      ).toBe(true);
      if (tier !== 'alb') expect(outbound, tier).toEqual([]);
    }
  });

  it('keeps the database and Redis private: isolated subnets, no public address, encrypted, TLS', () => {
    const current = run(stack);
    const isolated = current.of('aws:ec2/subnet:Subnet').filter((subnet) => subnet.inputs.tags.tier === 'isolated');
    expect(isolated).toHaveLength(3);
    const isolatedIds = isolated.map((subnet) => subnet.id).sort();
    expect([...current.named('aws:rds/subnetGroup:SubnetGroup', `${prefix}-db`).inputs.subnetIds].sort()).toEqual(isolatedIds);
    expect([...current.named('aws:elasticache/subnetGroup:SubnetGroup', `${prefix}-redis`).inputs.subnetIds].sort()).toEqual(isolatedIds);
    expect(current.named('aws:ec2/routeTable:RouteTable', `${prefix}-isolated`).inputs.routes).toEqual([]);
    for (const subnet of current.of('aws:ec2/subnet:Subnet')) expect(subnet.inputs.mapPublicIpOnLaunch ?? false).toBe(false);
    for (const instance of current.of('aws:rds/clusterInstance:ClusterInstance')) expect(instance.inputs.publiclyAccessible).toBe(false);
    expect(current.of('aws:rds/clusterInstance:ClusterInstance').map((instance) => instance.inputs.availabilityZone)).toEqual(['eu-west-1a', 'eu-west-1b']);

    const cluster = current.named('aws:rds/cluster:Cluster', `${prefix}-db`);
    expect(cluster.inputs).toMatchObject({ engine: 'aurora-postgresql', storageEncrypted: true, vpcSecurityGroupIds: [`${prefix}-database-id`] });
    expect(cluster.inputs.serverlessv2ScalingConfiguration).toEqual({ minCapacity: 0.5, maxCapacity: 4 });
    expect(current.named('aws:rds/clusterParameterGroup:ClusterParameterGroup', `${prefix}-db`).inputs.parameters).toContainEqual(
      expect.objectContaining({ name: 'rds.force_ssl', value: '1' }),
    );
    const redis = current.named('aws:elasticache/replicationGroup:ReplicationGroup', `${prefix}-redis`);
    expect(redis.inputs).toMatchObject({ transitEncryptionEnabled: true, atRestEncryptionEnabled: true, securityGroupIds: [`${prefix}-redis-id`] });
    expect(secretValue(redis.inputs.authToken)).toBe('redis-auth-token-0123456789');
    expect(current.named('aws:elasticache/parameterGroup:ParameterGroup', `${prefix}-redis`).inputs.parameters).toEqual([
      { name: 'maxmemory-policy', value: 'noeviction' },
    ]);
    for (const service of current.of('aws:ecs/service:Service')) expect(service.inputs.networkConfiguration.assignPublicIp).toBe(false);
  });

  it('blocks public access to every bucket and encrypts it; CloudFront alone reads the SPA', () => {
    const current = run(stack);
    const buckets = current.of('aws:s3/bucket:Bucket');
    const withFiles = enabled().includes('files');
    // The files bucket exists only in a cell with the files subgraph.
    expect(buckets.map((bucket) => bucket.name).sort()).toEqual([`${prefix}-backups`, ...(withFiles ? [`${prefix}-files`] : []), `${prefix}-spa`]);
    for (const bucket of buckets) {
      const block = current.named('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', bucket.name).inputs;
      expect(block).toMatchObject({ bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      const encryption = current.named('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration', bucket.name).inputs;
      const algorithm = encryption.rules[0].applyServerSideEncryptionByDefault;
      if (bucket.name.endsWith('-spa')) expect(algorithm.sseAlgorithm).toBe('AES256');
      else expect(algorithm).toEqual({ sseAlgorithm: 'aws:kms', kmsMasterKeyId: `arn:aws:mock:eu-west-1:123456789012:aws:kms/key:Key/${prefix}-key` });
      const policy = json(current.named('aws:s3/bucketPolicy:BucketPolicy', bucket.name).inputs.policy);
      expect(policy.Statement[0]).toMatchObject({ Sid: 'TlsOnly', Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
      expect(
        policy.Statement.filter((statement: { Effect: string }) => statement.Effect === 'Allow').every(
          (statement: { Principal: unknown }) => statement.Principal !== '*',
        ),
      ).toBe(true);
    }
    const spaPolicy = json(current.named('aws:s3/bucketPolicy:BucketPolicy', `${prefix}-spa`).inputs.policy);
    expect(spaPolicy.Statement[1]).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Condition: { StringEquals: { 'AWS:SourceArn': current.named('aws:cloudfront/distribution:Distribution', `${prefix}-cdn`).arn } },
    });
    if (!withFiles) return;
    const lifecycle = current.named('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration', `${prefix}-files`).inputs.rules;
    expect(lifecycle).toContainEqual(expect.objectContaining({ id: 'files-infrequent-access', filter: { prefix: 'org/' } }));
    // Only the files service (and the worker's cleanup job) touch the files bucket: the bucket denies every other principal.
    const touching = current.of('aws:iam/rolePolicy:RolePolicy').filter((policy) => String(policy.inputs.policy).includes(`${prefix}-files`));
    expect(touching).toHaveLength(2);
    for (const policy of touching) expect(String(policy.inputs.policy)).toContain(`/${prefix}-files/org/*`);
    const filesPolicy = json(current.named('aws:s3/bucketPolicy:BucketPolicy', `${prefix}-files`).inputs.policy);
    expect(filesPolicy.Statement[1]).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Condition: {
        ArnNotEquals: {
          'aws:PrincipalArn': [`arn:aws:iam::123456789012:role/${prefix}-subgraph-files-task`, `arn:aws:iam::123456789012:role/${prefix}-worker-task`],
        },
      },
    });
    // Browsers PUT and GET presigned URLs from the app's origin, and no other.
    const cors = current.named('aws:s3/bucketCorsConfiguration:BucketCorsConfiguration', `${prefix}-files`).inputs.corsRules;
    expect(cors).toEqual([expect.objectContaining({ allowedOrigins: [expect.stringMatching(/^https:\/\//)], allowedMethods: ['GET', 'PUT', 'HEAD'] })]);
  });

  it('gives every service alarms and a health check, and alarms for each enabled subgraph and queue', () => {
    const current = run(stack);
    const alarms = new Map(current.of('aws:cloudwatch/metricAlarm:MetricAlarm').map((alarm) => [alarm.inputs.name as string, alarm.inputs]));
    const topic = current.named('aws:sns/topic:Topic', `${prefix}-alarms`).arn;
    for (const alarm of alarms.values()) expect(alarm.alarmActions).toEqual([topic]);
    for (const service of current.of('aws:ecs/service:Service')) {
      const key = (service.inputs.name as string).slice(prefix.length + 1);
      for (const metric of ['cpu', 'memory', 'running']) {
        expect(alarms.get(`${prefix}-${key}-${metric}`)?.dimensions, `${key}-${metric}`).toEqual({ ClusterName: prefix, ServiceName: service.inputs.name });
      }
      const definition = current.of('aws:ecs/taskDefinition:TaskDefinition').find((task) => task.inputs.family === service.inputs.name)!;
      expect(containersOf(definition)[0]!.healthCheck.command.join(' ')).toContain('/health/ready');
    }
    expect(current.named('aws:lb/targetGroup:TargetGroup', `${prefix}-gateway`).inputs.healthCheck).toMatchObject({ path: '/health/ready', matcher: '200' });
    for (const name of enabled()) expect(alarms.get(`${prefix}-${name}-errors`)?.dimensions).toEqual({ cell: stack, subgraph: name });
    const queues = [...enabled().flatMap((name) => catalog[name]!.queues), ...CELL_QUEUES];
    for (const queue of queues) {
      expect(alarms.get(`${prefix}-${queue}-depth`)?.dimensions).toEqual({ cell: stack, queue, state: 'waiting' });
      expect(alarms.get(`${prefix}-${queue}-failed-jobs`)?.dimensions).toEqual({ cell: stack, queue, outcome: 'failed' });
    }
    for (const name of ['5xx-rate', 'p99-latency', 'websocket-connections', 'database-cpu', 'database-connections', 'redis-memory'])
      expect(alarms.has(`${prefix}-${name}`), name).toBe(true);
    expect(alarms.get(`${prefix}-p99-latency`)).toMatchObject({ extendedStatistic: 'p99', threshold: 0.5 });
    const budget = current.named('aws:budgets/budget:Budget', `${prefix}-monthly`).inputs;
    expect(budget).toMatchObject({ budgetType: 'COST', timeUnit: 'MONTHLY', limitAmount: '300' });
    expect(budget.notifications[0].subscriberSnsTopicArns).toEqual([topic]);
  });

  it('puts CloudFront with a WAF in front: managed rule groups and a rate limit; the load balancer takes only CloudFront', () => {
    const current = run(stack);
    const acl = current.named('aws:wafv2/webAcl:WebAcl', `${prefix}-waf`);
    expect(acl.inputs.scope).toBe('CLOUDFRONT');
    expect(
      acl.inputs.rules
        .filter((rule: { statement: { managedRuleGroupStatement?: { name: string } } }) => rule.statement.managedRuleGroupStatement)
        .map((rule: { name: string }) => rule.name),
    ).toEqual(MANAGED_RULE_GROUPS);
    expect(acl.inputs.rules).toContainEqual(
      expect.objectContaining({ action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP', evaluationWindowSec: 300 } } }),
    );
    const distribution = current.named('aws:cloudfront/distribution:Distribution', `${prefix}-cdn`).inputs;
    expect(distribution.webAclId).toBe(acl.arn);
    expect(distribution.orderedCacheBehaviors[0]).toMatchObject({ pathPattern: '/graphql*', targetOriginId: 'api', viewerProtocolPolicy: 'https-only' });
    expect(distribution.viewerCertificate.minimumProtocolVersion).toBe('TLSv1.2_2021');
    const api = (secretValue(distribution.origins) as { originId: string; customHeaders: { value: unknown }[] }[]).find(
      (origin: { originId: string }) => origin.originId === 'api',
    );
    expect(secretValue(api!.customHeaders[0]!.value)).toBe('origin-verify-token');
    const listener = current.named('aws:lb/listener:Listener', `${prefix}-https`).inputs;
    expect(listener.defaultActions[0]).toMatchObject({ type: 'fixed-response', fixedResponse: { statusCode: '403' } });
    const rule = current.named('aws:lb/listenerRule:ListenerRule', `${prefix}-from-cloudfront`).inputs;
    const condition = (secretValue(rule.conditions) as { httpHeader: { httpHeaderName: string; values: unknown[] } }[])[0]!.httpHeader;
    expect(condition.httpHeaderName).toBe('x-origin-verify');
    expect(condition.values.map(secretValue)).toEqual(['origin-verify-token']);
    expect(rule.actions[0]).toEqual({ type: 'forward', targetGroupArn: current.named('aws:lb/targetGroup:TargetGroup', `${prefix}-gateway`).arn });
  });

  it('lets each service’s execution role read exactly the secrets its containers name', () => {
    const current = run(stack);
    const secretArn = (name: string) => current.named('aws:secretsmanager/secret:Secret', `${prefix}-${name}`).arn;
    for (const name of enabled()) {
      const policy = json(policyOf(current, `${prefix}-subgraph-${name}-secrets`)!.inputs.policy);
      const own = [
        'database-app-password',
        'redis-url',
        `internal-context-key-${name}`,
        ...catalog[name]!.secrets.map((variable) => `subgraph-${variable.toLowerCase().replaceAll('_', '-')}`),
      ];
      expect([...policy.Statement[0].Resource].sort()).toEqual(own.map(secretArn).sort());
      const containers = containersOf(current.named('aws:ecs/taskDefinition:TaskDefinition', `${prefix}-subgraph-${name}-task`));
      expect(containers[0]!.secrets.map((secret: { valueFrom: string }) => secret.valueFrom).sort()).toEqual(own.map(secretArn).sort());
    }
    const gateway = json(policyOf(current, `${prefix}-gateway-secrets`)!.inputs.policy);
    expect([...gateway.Statement[0].Resource].sort()).toEqual(['internal-context-secret', 'redis-url'].map(secretArn).sort());
    const worker = containersOf(current.named('aws:ecs/taskDefinition:TaskDefinition', `${prefix}-worker-task`))[0]!;
    expect(worker.secrets.map((secret: { name: string }) => secret.name)).not.toContain(expect.stringMatching(/^INTERNAL_CONTEXT/));
    // The derived keys are the kernel's: `kid:key` of the configured secret.
    const key = current.named('aws:secretsmanager/secretVersion:SecretVersion', `${prefix}-internal-context-key-identity`).inputs.secretString;
    expect(String(secretValue(key))).toMatch(/^[A-Za-z0-9_-]{11}:[A-Za-z0-9_-]{43}$/);
  });

  it('keeps a staging database deletable, with the standard tier’s retention', () => {
    const cluster = run(stack).named('aws:rds/cluster:Cluster', `${prefix}-db`).inputs;
    expect(cluster).toMatchObject({ deletionProtection: false, skipFinalSnapshot: true, backupRetentionPeriod: DR_TIERS.standard.backupRetentionDays });
    expect(run(stack).resolved.explorerUrl).toBe('https://cell.example.com/graphql');
  });
});

describe('production stacks', () => {
  it('protect the database from deletion and keep the DR tier’s retention (default tier: important)', () => {
    const current = run('all-production');
    const prefix = 'cg-all-prod';
    const tier = DR_TIERS.important;
    expect(current.named('aws:rds/cluster:Cluster', `${prefix}-db`).inputs).toMatchObject({
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${prefix}-db-final`,
      backupRetentionPeriod: tier.backupRetentionDays,
    });
    const plan = current.named('aws:backup/plan:Plan', `${prefix}-plan`).inputs.rules[0];
    expect(plan.lifecycle.deleteAfter).toBe(tier.snapshotRetentionDays);
    expect(plan.copyActions).toBeUndefined();
    expect(current.named('aws:lb/loadBalancer:LoadBalancer', `${prefix}-alb`).inputs.enableDeletionProtection).toBe(true);
    expect(current.named('aws:elasticache/replicationGroup:ReplicationGroup', `${prefix}-redis`).inputs).toMatchObject({
      numCacheClusters: 2,
      multiAzEnabled: true,
      automaticFailoverEnabled: true,
    });
    expect(current.of('aws:ec2/natGateway:NatGateway')).toHaveLength(3);
    for (const service of current.of('aws:ecs/service:Service')) expect(service.inputs.desiredCount).toBeGreaterThanOrEqual(2);
    const gateway = containersOf(current.named('aws:ecs/taskDefinition:TaskDefinition', `${prefix}-gateway-task`))[0]!;
    expect(gateway.environment).toContainEqual({ name: 'EXPLORER_ENABLED', value: 'false' });
  });

  it('follow the critical tier: longest point-in-time window, recovery points copied to the DR region', () => {
    const current = run('core-production');
    const prefix = 'cg-core-prod';
    const tier = DR_TIERS.critical;
    expect(current.named('aws:rds/cluster:Cluster', `${prefix}-db`).inputs).toMatchObject({ deletionProtection: true, backupRetentionPeriod: 35 });
    const plan = current.named('aws:backup/plan:Plan', `${prefix}-plan`).inputs.rules[0];
    expect(plan.lifecycle.deleteAfter).toBe(tier.snapshotRetentionDays);
    expect(plan.copyActions[0].destinationVaultArn).toBe(current.named('aws:backup/vault:Vault', `${prefix}-dr-vault`).arn);
    const backups = current.named('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration', `${prefix}-backups`).inputs.rules;
    expect(backups).toContainEqual(expect.objectContaining({ id: 'backups-retention', expiration: { days: tier.backupObjectRetentionDays } }));
    expect(current.named('aws:elasticache/replicationGroup:ReplicationGroup', `${prefix}-redis`).inputs.snapshotRetentionLimit).toBe(
      tier.redisSnapshotRetentionDays,
    );
  });

  it('pull the image through the account’s ECR cache of ghcr.io when a token is configured', () => {
    const current = run('all-production');
    const prefix = 'cg-all-prod';
    const rule = current.named('aws:ecr/pullThroughCacheRule:PullThroughCacheRule', `${prefix}-ghcr`).inputs;
    expect(rule).toMatchObject({
      ecrRepositoryPrefix: `${prefix}-ghcr`,
      upstreamRegistryUrl: 'ghcr.io',
      credentialArn: current.named('aws:secretsmanager/secret:Secret', `${prefix}-ghcr`).arn,
    });
    expect(current.named('aws:secretsmanager/secret:Secret', `${prefix}-ghcr`).inputs.name).toMatch(/^ecr-pullthroughcache\//);
    expect(current.named('aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate', `${prefix}-ghcr`).inputs).toMatchObject({
      prefix: `${prefix}-ghcr`,
      imageTagMutability: 'IMMUTABLE',
    });
    for (const definition of current.of('aws:ecs/taskDefinition:TaskDefinition')) {
      expect(containersOf(definition)[0]!.image).toBe(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/${prefix}-ghcr/acme/cellgraph:sha-0123456789abcdef`);
    }
    expect(run('all-staging').of('aws:ecr/pullThroughCacheRule:PullThroughCacheRule')).toEqual([]);
  });

  it('give the CI/CD deployer an OIDC role of its environment and the log archive a role of its own', () => {
    const current = run('all-production');
    const trust = json(current.named('aws:iam/role:Role', 'cg-all-prod-deployer').inputs.assumeRolePolicy);
    expect(trust.Statement[0]).toMatchObject({
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:sub': 'repo:acme/cellgraph:environment:production',
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        },
      },
    });
    expect(trust.Statement[1]).toEqual({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:role/cellgraph-ci' }, Action: 'sts:AssumeRole' });
    expect(json(run('all-staging').named('aws:iam/role:Role', 'cg-all-stg-deployer').inputs.assumeRolePolicy).Statement).toHaveLength(1);
    const preview = json(current.named('aws:iam/role:Role', 'cg-all-prod-preview').inputs.assumeRolePolicy);
    expect(preview.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe('repo:acme/cellgraph:pull_request');
    const logging = json(current.named('aws:iam/role:Role', 'cg-all-prod-logging').inputs.assumeRolePolicy);
    expect(logging.Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::222222222222:root' });
    const delegation = current.named('aws:route53/record:Record', 'cg-all-prod-delegation').inputs;
    expect(delegation).toMatchObject({ zoneId: 'ZPARENT', type: 'NS', name: 'cell.example.com', records: ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.com'] });
  });
});

describe('outputs', () => {
  it('tell a product team its endpoint, SPA, explorer, dashboard, migrations and rollback', () => {
    const outputs = run('all-production').resolved;
    expect(outputs).toMatchObject({
      endpoint: 'https://cell.example.com/graphql',
      spaUrl: 'https://cell.example.com/',
      cell: 'all',
      environment: 'production',
    });
    expect(outputs.explorerUrl).toMatch(/^off/);
    expect(outputs.dashboardUrl).toBe('https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/cg-all-prod');
    expect(outputs.migrateCommand).toMatch(
      /^aws ecs run-task --region eu-west-1 --cluster cg-all-prod --task-definition \S+cg-all-prod-migrate-task --launch-type FARGATE/,
    );
    expect(outputs.rollback).toContain('CELLGRAPH_IMAGE=<the previous image> pulumi up --stack all-production');
  });
});

describe('a manifest the program refuses', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cellgraph-cells-'));
    const write = (cell: string, subgraphs: string[]) => {
      mkdirSync(join(dir, cell));
      writeFileSync(join(dir, cell, 'cell.json'), JSON.stringify({ description: `test cell ${cell}`, subgraphs }));
    };
    write('unknown', ['identity', 'billing']);
    write('orphan', ['tasks']);
    write('docs', ['identity', 'files']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails with the unknown subgraph’s name before declaring anything', async () => {
    const declared: Declared[] = [];
    await expect(runCell('unknown-staging', { cellsDir: dir, resources: declared })).rejects.toThrow(
      `Cell unknown: unknown subgraph billing (known: ${Object.keys(catalog).join(', ')})`,
    );
    expect(declared).toEqual([]);
  });

  it('fails with the missing dependency before declaring anything', async () => {
    const declared: Declared[] = [];
    await expect(runCell('orphan-production', { cellsDir: dir, resources: declared })).rejects.toThrow(
      'Cell orphan: subgraph tasks needs identity, which the cell does not enable',
    );
    expect(declared).toEqual([]);
  });

  it('refuses to run without an image', async () => {
    const declared: Declared[] = [];
    await expect(runCell('core-staging', { env: {}, resources: declared })).rejects.toThrow('No image: set CELLGRAPH_IMAGE');
    expect(declared).toEqual([]);
  });

  it('refuses a stack that is not <cell>-<staging|production>', async () => {
    const declared: Declared[] = [];
    await expect(runCell('sales-dev', { resources: declared })).rejects.toThrow('stacks are named <cell>-<env>, env one of staging, production');
    expect(declared).toEqual([]);
  });

  it('gives a files subgraph (and it alone) the files bucket, under the organizations’ prefix', async () => {
    const withFiles: SubgraphCatalog = {
      ...catalog,
      files: { name: 'files', description: 'Files', dependsOn: ['identity'], secrets: [], queues: ['files-jobs'] },
    };
    const current = await runCell('docs-staging', { cellsDir: dir, catalog: withFiles });
    const prefix = 'cg-docs-stg';
    const files = json(policyOf(current, `${prefix}-subgraph-files-task`)!.inputs.policy);
    expect(files.Statement[0]).toMatchObject({ Effect: 'Allow', Resource: `${current.named('aws:s3/bucket:Bucket', `${prefix}-files`).arn}/org/*` });
    expect(policyOf(current, `${prefix}-subgraph-identity-task`)).toBeUndefined();
    expect(current.named('aws:iam/role:Role', `${prefix}-subgraph-files-task`).inputs.name).toBe(`${prefix}-subgraph-files-task`);
    expect(current.of('aws:cloudwatch/metricAlarm:MetricAlarm').map((alarm) => alarm.inputs.name)).toEqual(
      expect.arrayContaining([`${prefix}-files-jobs-failed-jobs`, `${prefix}-subgraph-files-cpu`]),
    );
  });
});
