import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, namePrefix, type ServiceSize } from './config.js';
import { ORIGIN_VERIFY_HEADER } from './edge.js';
import { rolePolicy, type Statement, trustService } from './iam.js';
import type { CellManifest, SubgraphFacts } from './manifest.js';
import type { CellSecretStore, StoredSecret } from './secrets.js';
import type { SecurityGroups, Tier } from './security-groups.js';
import { FILES_PREFIX } from './storage.js';

/**
 * ECS Fargate: every process of the cell runs the one image with the command naming its service
 * (README, "Running as services"): the gateway behind the load balancer, one private service per
 * enabled subgraph (`SUBGRAPHS=<name>`, `WORKERS=off`) found through Cloud Map at
 * `<name>.<namespace>`, the worker, and the migrate task (migration.ts runs it before services roll).
 * Each service has its own execution role (it may read exactly the secrets its containers name) and
 * task role (AWS permissions of the process: none, unless it is the files service).
 */
export const APP_PORT = 4000;
export const GATEWAY_METRICS_PORT = 9464;
/** The subgraph that owns files: only its task role may touch the files bucket. */
export const FILES_SUBGRAPH = 'files';

export interface ServiceSpec {
  /** `gateway`, `worker`, `migrate` or `subgraph-<name>`. */
  key: string;
  command: 'gateway' | 'subgraph' | 'worker' | 'migrate';
  tier: Tier;
  subgraph?: SubgraphFacts;
  size: { cpu: number; memory: number };
  scaling?: ServiceSize;
  environment: Record<string, pulumi.Input<string>>;
  secrets: StoredSecret[];
  taskPolicy: pulumi.Input<Statement>[];
  /** Registered in Cloud Map as `<name>.<namespace>`. */
  discoveryName?: string;
  /** Scraped by a CloudWatch agent beside it (queues, jobs, WebSockets, subgraph errors). */
  metricsPort?: number;
}

export interface RunningService {
  spec: ServiceSpec;
  /** The ECS service's name (CloudWatch's ServiceName). */
  name: string;
  service?: aws.ecs.Service;
  taskDefinition: aws.ecs.TaskDefinition;
  executionRole: aws.iam.Role;
  taskRole: aws.iam.Role;
  logGroup: aws.cloudwatch.LogGroup;
}

export interface Platform {
  cluster: aws.ecs.Cluster;
  namespace: aws.servicediscovery.PrivateDnsNamespace;
  namespaceName: string;
  loadBalancer: aws.lb.LoadBalancer;
  targetGroup: aws.lb.TargetGroup;
  listener: aws.lb.Listener;
  /** The image the tasks pull: through the account's ECR pull-through cache when ghcr.io credentials are configured. */
  image: pulumi.Output<string>;
}

export const serviceName = (settings: CellSettings, key: string) => `${namePrefix(settings)}-${key}`;

export function createPlatform(
  settings: CellSettings,
  args: {
    vpcId: pulumi.Input<string>;
    publicSubnetIds: pulumi.Input<string>[];
    groups: SecurityGroups;
    originCertificateArn: pulumi.Input<string>;
    key: aws.kms.Key;
  },
  parent: pulumi.Resource,
): Platform {
  const prefix = namePrefix(settings);
  const cluster = new aws.ecs.Cluster(`${prefix}-cluster`, { name: `${prefix}`, settings: [{ name: 'containerInsights', value: 'enhanced' }] }, { parent });
  new aws.ecs.ClusterCapacityProviders(
    `${prefix}-cluster`,
    {
      clusterName: cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategies: [{ capacityProvider: 'FARGATE', weight: 1, base: 1 }],
    },
    { parent },
  );
  const namespaceName = `${settings.cell}.${settings.environment}.cellgraph.internal`;
  const namespace = new aws.servicediscovery.PrivateDnsNamespace(
    `${prefix}-ns`,
    { name: namespaceName, vpc: args.vpcId, description: `cellgraph ${settings.stack}` },
    { parent },
  );

  const loadBalancer = new aws.lb.LoadBalancer(
    `${prefix}-alb`,
    {
      name: `${prefix}-alb`.slice(0, 32),
      loadBalancerType: 'application',
      internal: false,
      subnets: args.publicSubnetIds,
      securityGroups: [args.groups.alb.id],
      idleTimeout: 300, // WebSockets (graphql-ws keeps them alive with pings)
      dropInvalidHeaderFields: true,
      enableDeletionProtection: settings.production,
    },
    { parent },
  );
  const targetGroup = new aws.lb.TargetGroup(
    `${prefix}-gateway`,
    {
      name: `${prefix}-gw`.slice(0, 32),
      port: APP_PORT,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: args.vpcId,
      deregistrationDelay: 30,
      healthCheck: { path: '/health/ready', matcher: '200', interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
    },
    { parent },
  );
  const listener = new aws.lb.Listener(
    `${prefix}-https`,
    {
      loadBalancerArn: loadBalancer.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificateArn: args.originCertificateArn,
      // Only CloudFront (with its secret header) reaches the gateway.
      defaultActions: [{ type: 'fixed-response', fixedResponse: { statusCode: '403', contentType: 'text/plain', messageBody: 'Forbidden' } }],
    },
    { parent },
  );
  new aws.lb.ListenerRule(
    `${prefix}-from-cloudfront`,
    {
      listenerArn: listener.arn,
      priority: 10,
      conditions: [{ httpHeader: { httpHeaderName: ORIGIN_VERIFY_HEADER, values: [settings.secrets.originVerifyToken] } }],
      actions: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
    },
    { parent },
  );

  return { cluster, namespace, namespaceName, loadBalancer, targetGroup, listener, image: imageOf(settings, args.key, parent) };
}

/**
 * ECR: ghcr.io images (what images.yml pushes) are pulled through the account's cache — scanned on
 * push, kept by a lifecycle policy — when a GitHub token is configured; otherwise straight from ghcr.io.
 */
function imageOf(settings: CellSettings, key: aws.kms.Key, parent: pulumi.Resource): pulumi.Output<string> {
  const prefix = namePrefix(settings);
  const ghcr = /^ghcr\.io\/(.+)$/.exec(settings.image);
  if (!ghcr || !settings.secrets.ghcrToken) return pulumi.output(settings.image);
  const credential = new aws.secretsmanager.Secret(`${prefix}-ghcr`, { name: `ecr-pullthroughcache/${prefix}-ghcr`, kmsKeyId: key.arn }, { parent });
  new aws.secretsmanager.SecretVersion(
    `${prefix}-ghcr`,
    {
      secretId: credential.id,
      secretString: pulumi.secret(pulumi.jsonStringify({ username: settings.secrets.ghcrUser ?? 'cellgraph', accessToken: settings.secrets.ghcrToken })),
    },
    { parent },
  );
  const repositoryPrefix = `${prefix}-ghcr`;
  const rule = new aws.ecr.PullThroughCacheRule(
    `${prefix}-ghcr`,
    { ecrRepositoryPrefix: repositoryPrefix, upstreamRegistryUrl: 'ghcr.io', credentialArn: credential.arn },
    { parent },
  );
  new aws.ecr.RepositoryCreationTemplate(
    `${prefix}-ghcr`,
    {
      prefix: repositoryPrefix,
      appliedFors: ['PULL_THROUGH_CACHE'],
      imageTagMutability: 'IMMUTABLE',
      encryptionConfigurations: [{ encryptionType: 'KMS', kmsKey: key.arn }],
      lifecyclePolicy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: 'keep the last 50 images',
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 50 },
            action: { type: 'expire' },
          },
        ],
      }),
    },
    { parent },
  );
  new aws.ecr.RegistryScanningConfiguration(
    `${prefix}-scanning`,
    { scanType: 'ENHANCED', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: `${repositoryPrefix}/*`, filterType: 'WILDCARD' }] }] },
    { parent },
  );
  const account = aws.getCallerIdentityOutput({}, { parent });
  return pulumi.interpolate`${account.accountId}.dkr.ecr.${settings.region}.amazonaws.com/${rule.ecrRepositoryPrefix}/${ghcr[1]}`;
}

/** What every service of the cell is: derived from the manifest (one subgraph service per enabled subgraph). */
export function serviceSpecs(
  settings: CellSettings,
  manifest: CellManifest,
  secrets: CellSecretStore,
  endpoints: { databaseHost: pulumi.Output<string>; namespaceName: string; filesBucket: { arn: pulumi.Output<string>; name: pulumi.Output<string> } | null },
): ServiceSpec[] {
  const { database } = settings;
  // The runtime roles reuse this URL's host and database with their own names and DATABASE_APP_PASSWORD: it carries no password.
  const runtimeDatabaseUrl = pulumi.interpolate`postgresql://${database.adminUser}@${endpoints.databaseHost}:5432/${database.name}?sslmode=no-verify`;
  const gatewayHost = `gateway.${endpoints.namespaceName}`;
  const common: Record<string, pulumi.Input<string>> = {
    CELL: settings.cell,
    CELL_INSTANCE: settings.environment,
    PORT: String(APP_PORT),
    LOG_LEVEL: 'info',
    // Behind a load balancer checking every 10 s, 3 failures: keep serving 35 s after readiness turned 503.
    SHUTDOWN_DRAIN_DELAY_MS: '35000',
    SHUTDOWN_TIMEOUT_MS: '90000',
  };
  const email: Record<string, pulumi.Input<string>> = secrets.smtpUrl ? { EMAIL_PROVIDER: 'smtp', EMAIL_FROM: settings.emailFrom } : {};
  const smtp = secrets.smtpUrl ? [secrets.smtpUrl] : [];
  const appUrl = `https://${settings.domain}`;
  const ownedBy = (subgraphs: readonly SubgraphFacts[]) =>
    [...new Set(subgraphs.flatMap((subgraph) => subgraph.secrets))].map((variable) => secrets.subgraphOwned[variable]!);
  // The files subgraph's store: the cell's bucket, credentials from the task role (no keys).
  const storage = (needed: boolean): Record<string, pulumi.Input<string>> =>
    needed && endpoints.filesBucket ? { S3_BUCKET: endpoints.filesBucket.name, S3_REGION: settings.region } : {};
  const filesAccess = (bucketArn: pulumi.Output<string>): pulumi.Input<Statement>[] => [
    bucketArn.apply((arn) => ({
      Effect: 'Allow' as const,
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      Resource: `${arn}/${FILES_PREFIX}*`,
    })),
    bucketArn.apply((arn) => ({
      Effect: 'Allow' as const,
      Action: 's3:ListBucket',
      Resource: arn,
      Condition: { StringLike: { 's3:prefix': `${FILES_PREFIX}*` } },
    })),
    secrets.key.arn.apply((arn) => ({ Effect: 'Allow' as const, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: arn })),
  ];

  const gateway: ServiceSpec = {
    key: 'gateway',
    command: 'gateway',
    tier: 'gateway',
    size: settings.gateway,
    scaling: settings.gateway,
    environment: {
      ...common,
      SUBGRAPH_URL_TEMPLATE: `http://{name}.${endpoints.namespaceName}:${APP_PORT}/{name}/graphql`,
      EXPLORER_ENABLED: String(settings.explorer),
      // CloudFront and the load balancer each add the client address to X-Forwarded-For.
      TRUST_PROXY: '2',
      METRICS_PORT: String(GATEWAY_METRICS_PORT),
      METRICS_HOST: '127.0.0.1',
    },
    secrets: [secrets.internalContextSecret, secrets.redisUrl],
    taskPolicy: [],
    discoveryName: 'gateway',
    metricsPort: GATEWAY_METRICS_PORT,
  };
  const subgraphs = manifest.subgraphs.map((subgraph): ServiceSpec => ({
    key: `subgraph-${subgraph.name}`,
    command: 'subgraph',
    tier: 'subgraph',
    subgraph,
    size: settings.subgraph,
    scaling: settings.subgraph,
    environment: {
      ...common,
      ...email,
      ...storage(subgraph.name === FILES_SUBGRAPH),
      SUBGRAPHS: subgraph.name,
      WORKERS: 'off',
      DATABASE_URL: runtimeDatabaseUrl,
      GRAPH_URL: `http://${gatewayHost}:${APP_PORT}/graphql`,
      APP_URL: appUrl,
    },
    secrets: [secrets.internalContextKeys[subgraph.name]!, secrets.databaseAppPassword, secrets.redisUrl, ...ownedBy([subgraph]), ...smtp],
    taskPolicy: subgraph.name === FILES_SUBGRAPH && endpoints.filesBucket ? filesAccess(endpoints.filesBucket.arn) : [],
    discoveryName: subgraph.name,
  }));
  const worker: ServiceSpec = {
    key: 'worker',
    command: 'worker',
    tier: 'worker',
    size: settings.worker,
    scaling: settings.worker,
    environment: {
      ...common,
      ...email,
      ...storage(manifest.subgraphs.some((subgraph) => subgraph.name === FILES_SUBGRAPH)),
      DATABASE_URL: runtimeDatabaseUrl,
      GRAPH_URL: `http://${gatewayHost}:${APP_PORT}/graphql`,
      APP_URL: appUrl,
    },
    // Background work builds every subgraph's services: their own secrets, never their internal-context keys.
    secrets: [secrets.databaseAppPassword, secrets.redisUrl, ...ownedBy(manifest.subgraphs), ...smtp],
    taskPolicy: endpoints.filesBucket ? filesAccess(endpoints.filesBucket.arn) : [],
    metricsPort: APP_PORT,
  };
  const migrate: ServiceSpec = {
    key: 'migrate',
    command: 'migrate',
    tier: 'migrate',
    size: settings.migrate,
    environment: { CELL: settings.cell, LOG_LEVEL: 'info' },
    secrets: [secrets.databaseAdminUrl, secrets.databaseAppPassword],
    taskPolicy: [],
  };
  return [gateway, ...subgraphs, worker, migrate];
}

/** The CloudWatch agent beside a service: scrapes its Prometheus metrics into CloudWatch (namespace `Cellgraph`). */
function metricsAgent(settings: CellSettings, spec: ServiceSpec, logGroupName: pulumi.Output<string>, agentImage: string) {
  const scrape = [
    'global:',
    '  scrape_interval: 60s',
    'scrape_configs:',
    '  - job_name: cellgraph',
    '    static_configs:',
    `      - targets: ['127.0.0.1:${spec.metricsPort}']`,
    `        labels: { cell: '${settings.stack}', service: '${spec.key}' }`,
  ].join('\n');
  const declaration = (dimensions: string[], metric: string) => ({
    source_labels: ['job'],
    label_matcher: '^cellgraph$',
    dimensions: [dimensions],
    metric_selectors: [`^${metric}$`],
  });
  return logGroupName.apply((group) => ({
    name: 'metrics-agent',
    image: agentImage,
    essential: false,
    environment: [
      { name: 'PROMETHEUS_CONFIG_CONTENT', value: scrape },
      {
        name: 'CW_CONFIG_CONTENT',
        value: JSON.stringify({
          logs: {
            metrics_collected: {
              prometheus: {
                log_group_name: `${group}/prometheus`,
                prometheus_config_path: 'env:PROMETHEUS_CONFIG_CONTENT',
                emf_processor: {
                  metric_namespace: 'Cellgraph',
                  metric_declaration: [
                    declaration(['cell', 'queue', 'state'], 'cellgraph_queue_jobs'),
                    declaration(['cell', 'queue', 'outcome'], 'cellgraph_jobs_total'),
                    declaration(['cell'], 'cellgraph_gateway_websocket_connections'),
                    declaration(['cell', 'subgraph'], 'cellgraph_gateway_subgraph_fetch_errors_total'),
                  ],
                },
              },
            },
          },
        }),
      },
    ],
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': group, 'awslogs-region': settings.region, 'awslogs-stream-prefix': 'metrics-agent' },
    },
  }));
}

/** `node -e` probe of a path on the service's port (slim images have no curl): the container's health check. */
export const healthProbe = (path: string) => [
  'CMD',
  'node',
  '-e',
  `fetch('http://127.0.0.1:${APP_PORT}${path}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
];

export function createServices(
  settings: CellSettings,
  platform: Platform,
  specs: ServiceSpec[],
  args: { privateSubnetIds: pulumi.Input<string>[]; groups: SecurityGroups; migrated: pulumi.Output<string>; agentImage: string },
  parent: pulumi.Resource,
): RunningService[] {
  return specs.map((spec) => {
    const name = serviceName(settings, spec.key);
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/cellgraph/${settings.stack}/${spec.key}`, retentionInDays: settings.logRetentionDays },
      { parent },
    );
    const executionRole = new aws.iam.Role(
      `${name}-execution`,
      { name: `${name}-exec`.slice(0, 64), assumeRolePolicy: trustService('ecs-tasks.amazonaws.com') },
      { parent },
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-execution`,
      { role: executionRole.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' },
      { parent },
    );
    // Exactly the secrets this service's containers name, and the key that decrypts them.
    rolePolicy(
      `${name}-secrets`,
      executionRole,
      [
        pulumi
          .all(spec.secrets.map((secret) => secret.arn))
          .apply((arns) => ({ Sid: 'OwnSecrets', Effect: 'Allow' as const, Action: 'secretsmanager:GetSecretValue', Resource: arns })),
        {
          Sid: 'SecretsKey',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${settings.region}.amazonaws.com` } },
        },
      ],
      parent,
    );
    const taskRole = new aws.iam.Role(
      `${name}-task`,
      { name: `${name}-task`.slice(0, 64), assumeRolePolicy: trustService('ecs-tasks.amazonaws.com') },
      { parent },
    );
    rolePolicy(`${name}-task`, taskRole, spec.taskPolicy, parent);

    const app = pulumi.all([platform.image, logGroup.name, pulumi.output(spec.environment)]).apply(([image, group, environment]) => ({
      name: spec.key,
      image,
      command: [spec.command],
      essential: true,
      portMappings: spec.command === 'migrate' ? [] : [{ containerPort: APP_PORT, protocol: 'tcp' }],
      environment: Object.entries(environment)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value })),
      secrets: [] as { name: string; valueFrom: string }[],
      readonlyRootFilesystem: false,
      stopTimeout: 120,
      healthCheck: spec.command === 'migrate' ? undefined : { command: healthProbe('/health/ready'), interval: 10, timeout: 5, retries: 3, startPeriod: 60 },
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': group, 'awslogs-region': settings.region, 'awslogs-stream-prefix': spec.key } },
    }));
    const withSecrets = pulumi
      .all([app, pulumi.all(spec.secrets.map((secret) => secret.arn))])
      .apply(([container, arns]) => ({ ...container, secrets: spec.secrets.map((secret, i) => ({ name: secret.variable, valueFrom: arns[i]! })) }));
    const containers: pulumi.Output<unknown[]> = spec.metricsPort
      ? pulumi.all([withSecrets, metricsAgent(settings, spec, logGroup.name, args.agentImage)])
      : pulumi.all([withSecrets]);
    if (spec.metricsPort) {
      new aws.iam.RolePolicyAttachment(
        `${name}-metrics`,
        { role: taskRole.name, policyArn: 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy' },
        { parent },
      );
    }
    const taskDefinition = new aws.ecs.TaskDefinition(
      `${name}-task`,
      {
        family: name,
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: String(spec.size.cpu),
        memory: String(spec.size.memory),
        runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        containerDefinitions: containers.apply((list) => JSON.stringify(list)),
      },
      { parent },
    );
    if (spec.command === 'migrate' || !spec.scaling) return { spec, name, taskDefinition, executionRole, taskRole, logGroup };

    const registry = spec.discoveryName
      ? new aws.servicediscovery.Service(
          `${name}-discovery`,
          {
            name: spec.discoveryName,
            namespaceId: platform.namespace.id,
            dnsConfig: { namespaceId: platform.namespace.id, routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', ttl: 10 }] },
            healthCheckCustomConfig: { failureThreshold: 1 },
            forceDestroy: true,
          },
          { parent },
        )
      : undefined;
    const service = new aws.ecs.Service(
      `${name}-service`,
      {
        name,
        cluster: platform.cluster.arn,
        taskDefinition: taskDefinition.arn,
        desiredCount: spec.scaling.min,
        launchType: 'FARGATE',
        platformVersion: 'LATEST',
        networkConfiguration: { subnets: args.privateSubnetIds, securityGroups: [args.groups[spec.tier].id], assignPublicIp: false },
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        enableExecuteCommand: false,
        propagateTags: 'SERVICE',
        serviceRegistries: registry ? { registryArn: registry.arn } : undefined,
        loadBalancers: spec.key === 'gateway' ? [{ targetGroupArn: platform.targetGroup.arn, containerName: spec.key, containerPort: APP_PORT }] : undefined,
        healthCheckGracePeriodSeconds: spec.key === 'gateway' ? 60 : undefined,
        // Rolls only once the migrate task of this image succeeded (migration.ts): the tag carries its result.
        tags: { 'cellgraph:service': spec.key, 'cellgraph:migrated': args.migrated },
      },
      { parent, dependsOn: [platform.listener], ignoreChanges: ['desiredCount'] },
    );
    const target = new aws.appautoscaling.Target(
      `${name}-scaling`,
      {
        serviceNamespace: 'ecs',
        scalableDimension: 'ecs:service:DesiredCount',
        resourceId: pulumi.interpolate`service/${platform.cluster.name}/${service.name}`,
        minCapacity: spec.scaling.min,
        maxCapacity: spec.scaling.max,
      },
      { parent },
    );
    new aws.appautoscaling.Policy(
      `${name}-cpu`,
      {
        policyType: 'TargetTrackingScaling',
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: 60,
          predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          scaleInCooldown: 300,
          scaleOutCooldown: 60,
        },
      },
      { parent },
    );
    return { spec, name, service, taskDefinition, executionRole, taskRole, logGroup };
  });
}
