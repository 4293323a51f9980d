import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, namePrefix } from './config.js';

/**
 * Security groups in tiers, each rule naming the tier it admits (never an address range), except the
 * load balancer's, which admits only CloudFront's origin-facing addresses:
 *   CloudFront → load balancer → gateway → subgraphs (→ gateway for GRAPH_URL delegation)
 *   subgraphs, worker, migrate → database;  gateway, subgraphs, worker → Redis.
 * Database and Redis have no outbound rule at all. The tasks' only other way out is HTTPS (AWS APIs,
 * the image registry) and, with SMTP configured, port 587.
 */
export type Tier = 'alb' | 'gateway' | 'subgraph' | 'worker' | 'migrate' | 'database' | 'redis';

export type SecurityGroups = Record<Tier, aws.ec2.SecurityGroup>;

export const PORTS = { https: 443, app: 4000, postgres: 5432, redis: 6379, smtp: 587 } as const;

/** Tier-to-tier rules: [from, to, port, why]. */
export const TIER_RULES: readonly (readonly [Tier, Tier, number, string])[] = [
  ['alb', 'gateway', PORTS.app, 'the load balancer forwards to the gateway'],
  ['gateway', 'subgraph', PORTS.app, 'the gateway calls the subgraphs'],
  ['subgraph', 'gateway', PORTS.app, 'subgraphs ask the graph as the caller (GRAPH_URL)'],
  ['worker', 'gateway', PORTS.app, 'background work asks the graph (GRAPH_URL)'],
  ['subgraph', 'database', PORTS.postgres, 'subgraphs connect as their app roles'],
  ['worker', 'database', PORTS.postgres, 'background work connects as the maintenance roles'],
  ['migrate', 'database', PORTS.postgres, 'migrations run as the administrator'],
  ['gateway', 'redis', PORTS.redis, 'revocations, rate limits, live events'],
  ['subgraph', 'redis', PORTS.redis, 'cache, queues, live events'],
  ['worker', 'redis', PORTS.redis, 'queues and schedules'],
];

/** Tiers that run tasks: they reach AWS APIs (and the registry) over HTTPS. */
export const TASK_TIERS: readonly Tier[] = ['gateway', 'subgraph', 'worker', 'migrate'];

export function createSecurityGroups(settings: CellSettings, vpcId: pulumi.Input<string>, parent: pulumi.Resource, smtp: boolean): SecurityGroups {
  const prefix = namePrefix(settings);
  const opts = { parent };
  const tiers: Tier[] = ['alb', 'gateway', 'subgraph', 'worker', 'migrate', 'database', 'redis'];
  const groups = Object.fromEntries(
    tiers.map((tier) => [
      tier,
      // No inline rules: the rules below are resources of their own, and the default allow-all egress is removed.
      new aws.ec2.SecurityGroup(
        `${prefix}-${tier}`,
        { vpcId, description: `cellgraph ${settings.stack}: ${tier} tier`, tags: { Name: `${prefix}-${tier}`, tier } },
        opts,
      ),
    ]),
  ) as SecurityGroups;

  const cloudFront = aws.ec2.getManagedPrefixListOutput({ name: 'com.amazonaws.global.cloudfront.origin-facing' }, opts);
  new aws.vpc.SecurityGroupIngressRule(
    `${prefix}-alb-from-cloudfront`,
    {
      securityGroupId: groups.alb.id,
      prefixListId: cloudFront.id,
      ipProtocol: 'tcp',
      fromPort: PORTS.https,
      toPort: PORTS.https,
      description: 'HTTPS from CloudFront only',
    },
    opts,
  );

  for (const [from, to, port, description] of TIER_RULES) {
    new aws.vpc.SecurityGroupEgressRule(
      `${prefix}-${from}-to-${to}`,
      { securityGroupId: groups[from].id, referencedSecurityGroupId: groups[to].id, ipProtocol: 'tcp', fromPort: port, toPort: port, description },
      opts,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${prefix}-${to}-from-${from}`,
      { securityGroupId: groups[to].id, referencedSecurityGroupId: groups[from].id, ipProtocol: 'tcp', fromPort: port, toPort: port, description },
      opts,
    );
  }

  for (const tier of TASK_TIERS) {
    new aws.vpc.SecurityGroupEgressRule(
      `${prefix}-${tier}-to-aws-apis`,
      {
        securityGroupId: groups[tier].id,
        cidrIpv4: '0.0.0.0/0',
        ipProtocol: 'tcp',
        fromPort: PORTS.https,
        toPort: PORTS.https,
        description: 'HTTPS to AWS APIs and the image registry (through NAT)',
      },
      opts,
    );
    if (smtp && (tier === 'subgraph' || tier === 'worker')) {
      new aws.vpc.SecurityGroupEgressRule(
        `${prefix}-${tier}-to-smtp`,
        {
          securityGroupId: groups[tier].id,
          cidrIpv4: '0.0.0.0/0',
          ipProtocol: 'tcp',
          fromPort: PORTS.smtp,
          toPort: PORTS.smtp,
          description: 'SMTP submission (e-mail)',
        },
        opts,
      );
    }
  }
  return groups;
}
