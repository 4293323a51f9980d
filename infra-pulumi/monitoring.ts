import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, namePrefix } from './config.js';
import type { CellManifest } from './manifest.js';
import type { Platform, RunningService } from './services.js';

/**
 * CloudWatch: one dashboard and the alarms, all to one SNS topic (and the e-mail subscribed to it).
 * Derived from the cell: CPU, memory and running tasks of every service (one per enabled subgraph),
 * the gateway's errors towards each subgraph, the depth and failed jobs of each enabled subgraph's
 * queues (its catalog `queues`, plus the cell's e-mail queue); then the edge (5xx rate, p99 latency,
 * WebSocket connections), the database (CPU, connections, capacity) and Redis (CPU, memory: with
 * `noeviction` a full Redis refuses writes). A monthly budget alerts the same topic.
 */
export interface Monitoring {
  topic: aws.sns.Topic;
  dashboard: aws.cloudwatch.Dashboard;
  alarms: aws.cloudwatch.MetricAlarm[];
  budget: aws.budgets.Budget;
}

/** The kernel's cell-wide queue (e-mail), beside the subgraphs' own. */
export const CELL_QUEUES = ['email'];
const METRICS_NAMESPACE = 'Cellgraph';

export function createMonitoring(
  settings: CellSettings,
  manifest: CellManifest,
  args: {
    platform: Platform;
    services: RunningService[];
    clusterIdentifier: pulumi.Output<string>;
    redisGroupId: pulumi.Output<string>;
  },
  parent: pulumi.Resource,
): Monitoring {
  const prefix = namePrefix(settings);
  const topic = new aws.sns.Topic(`${prefix}-alarms`, { name: `${prefix}-alarms` }, { parent });
  new aws.sns.TopicPolicy(
    `${prefix}-alarms`,
    {
      arn: topic.arn,
      policy: topic.arn.apply((arn) =>
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Alarms', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: arn },
            { Sid: 'Budgets', Effect: 'Allow', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sns:Publish', Resource: arn },
          ],
        }),
      ),
    },
    { parent },
  );
  if (settings.alarmEmail)
    new aws.sns.TopicSubscription(`${prefix}-alarms-email`, { topic: topic.arn, protocol: 'email', endpoint: settings.alarmEmail }, { parent });

  const alarms: aws.cloudwatch.MetricAlarm[] = [];
  const alarm = (name: string, args: Omit<aws.cloudwatch.MetricAlarmArgs, 'alarmActions' | 'okActions'>) => {
    alarms.push(
      new aws.cloudwatch.MetricAlarm(
        `${prefix}-${name}`,
        { name: `${prefix}-${name}`, treatMissingData: 'notBreaching', ...args, alarmActions: [topic.arn], okActions: [topic.arn] },
        { parent },
      ),
    );
  };
  const { platform } = args;
  const albDimensions = { LoadBalancer: platform.loadBalancer.arnSuffix };

  // The edge: the public endpoint's error rate and latency (SLO: p99 < 500 ms, 99.9 % available).
  alarm('5xx-rate', {
    alarmDescription: 'More than 1 % of the API’s requests answered 5xx (5 min)',
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 1,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    metricQueries: [
      { id: 'rate', expression: '100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests', label: '5xx %', returnData: true },
      {
        id: 'target5xx',
        metric: { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', dimensions: albDimensions, period: 300, stat: 'Sum' },
      },
      { id: 'elb5xx', metric: { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_ELB_5XX_Count', dimensions: albDimensions, period: 300, stat: 'Sum' } },
      { id: 'requests', metric: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', dimensions: albDimensions, period: 300, stat: 'Sum' } },
    ],
  });
  alarm('p99-latency', {
    alarmDescription: 'p99 latency of the API above 500 ms',
    namespace: 'AWS/ApplicationELB',
    metricName: 'TargetResponseTime',
    dimensions: albDimensions,
    extendedStatistic: 'p99',
    period: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    threshold: 0.5,
    comparisonOperator: 'GreaterThanThreshold',
  });
  alarm('unhealthy-gateways', {
    alarmDescription: 'A gateway task fails /health/ready at the load balancer',
    namespace: 'AWS/ApplicationELB',
    metricName: 'UnHealthyHostCount',
    dimensions: { LoadBalancer: platform.loadBalancer.arnSuffix, TargetGroup: platform.targetGroup.arnSuffix },
    statistic: 'Maximum',
    period: 60,
    evaluationPeriods: 3,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
  });
  alarm('websocket-connections', {
    alarmDescription: 'Open WebSocket (subscription) connections above 5,000 per gateway task on average',
    namespace: METRICS_NAMESPACE,
    metricName: 'cellgraph_gateway_websocket_connections',
    dimensions: { cell: settings.stack },
    statistic: 'Average',
    period: 300,
    evaluationPeriods: 2,
    threshold: 5000,
    comparisonOperator: 'GreaterThanThreshold',
  });

  // Every long-running service: CPU, memory, tasks running (its container health check is /health/ready).
  for (const running of args.services) {
    if (!running.service) continue;
    const dimensions = { ClusterName: platform.cluster.name, ServiceName: running.name };
    const key = running.spec.key;
    alarm(`${key}-cpu`, {
      alarmDescription: `${key}: CPU above 80 %`,
      namespace: 'AWS/ECS',
      metricName: 'CPUUtilization',
      dimensions,
      statistic: 'Average',
      period: 300,
      evaluationPeriods: 3,
      threshold: 80,
      comparisonOperator: 'GreaterThanThreshold',
    });
    alarm(`${key}-memory`, {
      alarmDescription: `${key}: memory above 85 %`,
      namespace: 'AWS/ECS',
      metricName: 'MemoryUtilization',
      dimensions,
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 3,
      threshold: 85,
      comparisonOperator: 'GreaterThanThreshold',
    });
    alarm(`${key}-running`, {
      alarmDescription: `${key}: fewer tasks running (healthy) than its minimum`,
      namespace: 'ECS/ContainerInsights',
      metricName: 'RunningTaskCount',
      dimensions,
      statistic: 'Minimum',
      period: 60,
      evaluationPeriods: 5,
      threshold: running.spec.scaling!.min,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
    });
  }

  // Each enabled subgraph as the gateway sees it, and its queues.
  for (const subgraph of manifest.subgraphs) {
    alarm(`${subgraph.name}-errors`, {
      alarmDescription: `The gateway’s calls to ${subgraph.name} fail (unreachable, timed out, breaker open, 5xx)`,
      namespace: METRICS_NAMESPACE,
      metricName: 'cellgraph_gateway_subgraph_fetch_errors_total',
      dimensions: { cell: settings.stack, subgraph: subgraph.name },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 2,
      threshold: 10,
      comparisonOperator: 'GreaterThanThreshold',
    });
  }
  for (const queue of [...manifest.subgraphs.flatMap((subgraph) => subgraph.queues), ...CELL_QUEUES]) {
    alarm(`${queue}-depth`, {
      alarmDescription: `Queue ${queue}: more than 1,000 jobs waiting for 15 minutes`,
      namespace: METRICS_NAMESPACE,
      metricName: 'cellgraph_queue_jobs',
      dimensions: { cell: settings.stack, queue, state: 'waiting' },
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 3,
      threshold: 1000,
      comparisonOperator: 'GreaterThanThreshold',
    });
    alarm(`${queue}-failed-jobs`, {
      alarmDescription: `Queue ${queue}: jobs failed for good (dead letters: npm run jobs)`,
      namespace: METRICS_NAMESPACE,
      metricName: 'cellgraph_jobs_total',
      dimensions: { cell: settings.stack, queue, outcome: 'failed' },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
    });
  }

  // The database and Redis.
  const db = { DBClusterIdentifier: args.clusterIdentifier };
  alarm('database-cpu', {
    alarmDescription: 'Aurora CPU above 80 %',
    namespace: 'AWS/RDS',
    metricName: 'CPUUtilization',
    dimensions: db,
    statistic: 'Average',
    period: 300,
    evaluationPeriods: 3,
    threshold: 80,
    comparisonOperator: 'GreaterThanThreshold',
  });
  alarm('database-connections', {
    alarmDescription: 'Aurora connections above 80 % of what the subgraphs’ pools may open',
    namespace: 'AWS/RDS',
    metricName: 'DatabaseConnections',
    dimensions: db,
    statistic: 'Maximum',
    period: 300,
    evaluationPeriods: 2,
    threshold: Math.max(50, Math.round(0.8 * settings.database.maxAcu * 100)),
    comparisonOperator: 'GreaterThanThreshold',
  });
  alarm('database-capacity', {
    alarmDescription: 'Aurora Serverless at more than 90 % of its maximum capacity',
    namespace: 'AWS/RDS',
    metricName: 'ACUUtilization',
    dimensions: db,
    statistic: 'Average',
    period: 300,
    evaluationPeriods: 3,
    threshold: 90,
    comparisonOperator: 'GreaterThanThreshold',
  });
  alarm('redis-cpu', {
    alarmDescription: 'Redis engine CPU above 80 %',
    namespace: 'AWS/ElastiCache',
    metricName: 'EngineCPUUtilization',
    dimensions: { ReplicationGroupId: args.redisGroupId },
    statistic: 'Average',
    period: 300,
    evaluationPeriods: 3,
    threshold: 80,
    comparisonOperator: 'GreaterThanThreshold',
  });
  alarm('redis-memory', {
    alarmDescription: 'Redis memory above 80 % (noeviction: a full Redis refuses new jobs)',
    namespace: 'AWS/ElastiCache',
    metricName: 'DatabaseMemoryUsagePercentage',
    dimensions: { ReplicationGroupId: args.redisGroupId },
    statistic: 'Maximum',
    period: 300,
    evaluationPeriods: 2,
    threshold: 80,
    comparisonOperator: 'GreaterThanThreshold',
  });

  const budget = new aws.budgets.Budget(
    `${prefix}-monthly`,
    {
      name: `${prefix}-monthly`,
      budgetType: 'COST',
      limitAmount: String(settings.monthlyBudgetUsd),
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      notifications: [
        { comparisonOperator: 'GREATER_THAN', threshold: 80, thresholdType: 'PERCENTAGE', notificationType: 'ACTUAL', subscriberSnsTopicArns: [topic.arn] },
        {
          comparisonOperator: 'GREATER_THAN',
          threshold: 100,
          thresholdType: 'PERCENTAGE',
          notificationType: 'FORECASTED',
          subscriberSnsTopicArns: [topic.arn],
        },
      ],
    },
    { parent },
  );

  const dashboard = new aws.cloudwatch.Dashboard(
    `${prefix}-dashboard`,
    {
      dashboardName: prefix,
      dashboardBody: pulumi
        .all([platform.loadBalancer.arnSuffix, platform.cluster.name, args.clusterIdentifier, args.redisGroupId])
        .apply(([alb, cluster, dbCluster, redis]) =>
          JSON.stringify(dashboardBody(settings, manifest, { alb, cluster, dbCluster, redis, services: args.services })),
        ),
    },
    { parent },
  );
  return { topic, dashboard, alarms, budget };
}

function dashboardBody(
  settings: CellSettings,
  manifest: CellManifest,
  ids: { alb: string; cluster: string; dbCluster: string; redis: string; services: RunningService[] },
) {
  const graph = (title: string, metrics: unknown[][], x: number, y: number, stat = 'Average') => ({
    type: 'metric',
    x,
    y,
    width: 12,
    height: 6,
    properties: { title, region: settings.region, stat, period: 300, view: 'timeSeries', metrics },
  });
  const services = ids.services.filter((running) => running.service);
  const queues = [...manifest.subgraphs.flatMap((subgraph) => subgraph.queues), ...CELL_QUEUES];
  return {
    widgets: [
      graph(
        'Requests and 5xx',
        [
          ['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer', ids.alb],
          ['.', 'HTTPCode_Target_5XX_Count', '.', '.'],
        ],
        0,
        0,
        'Sum',
      ),
      graph('Latency p99 (s)', [['AWS/ApplicationELB', 'TargetResponseTime', 'LoadBalancer', ids.alb, { stat: 'p99' }]], 12, 0),
      graph(
        'CPU by service (%)',
        services.map((running) => ['AWS/ECS', 'CPUUtilization', 'ClusterName', ids.cluster, 'ServiceName', running.name]),
        0,
        6,
      ),
      graph(
        'Memory by service (%)',
        services.map((running) => ['AWS/ECS', 'MemoryUtilization', 'ClusterName', ids.cluster, 'ServiceName', running.name]),
        12,
        6,
      ),
      graph(
        'Database',
        [
          ['AWS/RDS', 'CPUUtilization', 'DBClusterIdentifier', ids.dbCluster],
          ['.', 'DatabaseConnections', '.', '.'],
          ['.', 'ServerlessDatabaseCapacity', '.', '.'],
        ],
        0,
        12,
      ),
      graph(
        'Redis',
        [
          ['AWS/ElastiCache', 'EngineCPUUtilization', 'ReplicationGroupId', ids.redis],
          ['.', 'DatabaseMemoryUsagePercentage', '.', '.'],
        ],
        12,
        12,
      ),
      graph(
        'Queues waiting',
        queues.map((queue) => [METRICS_NAMESPACE, 'cellgraph_queue_jobs', 'cell', settings.stack, 'queue', queue, 'state', 'waiting']),
        0,
        18,
        'Maximum',
      ),
      graph(
        'Subgraph errors (gateway) and WebSockets',
        [
          ...manifest.subgraphs.map((subgraph) => [
            METRICS_NAMESPACE,
            'cellgraph_gateway_subgraph_fetch_errors_total',
            'cell',
            settings.stack,
            'subgraph',
            subgraph.name,
          ]),
          [METRICS_NAMESPACE, 'cellgraph_gateway_websocket_connections', 'cell', settings.stack, { yAxis: 'right' }],
        ],
        12,
        18,
        'Sum',
      ),
    ],
  };
}
