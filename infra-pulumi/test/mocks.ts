import * as pulumi from '@pulumi/pulumi';
import { deployCell, type CellOutputs } from '../cell.js';
import type { SubgraphCatalog } from '../manifest.js';

/**
 * Runs the real program against Pulumi's runtime mocks: no CLI, no provider, no cloud. Every
 * resource the program declares is recorded with its inputs (what a provider would be asked to create).
 */
export interface Declared {
  type: string;
  name: string;
  inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- provider inputs, asserted field by field
  /** The id and ARN the mocks gave it. */
  id: string;
  arn: string;
}

export interface Run {
  resources: Declared[];
  outputs: CellOutputs;
  of(type: string): Declared[];
  named(type: string, name: string): Declared;
  /** Plain values of the outputs. */
  resolved: Record<string, unknown>;
}

export const SECRETS: Record<string, string> = {
  'cellgraph:databasePassword': 'db-admin-password',
  'cellgraph:databaseAppPassword': 'db-app-password',
  'cellgraph:redisAuthToken': 'redis-auth-token-0123456789',
  'cellgraph:internalContextSecret': Buffer.alloc(32, 7).toString('base64url'),
  'cellgraph:originVerifyToken': 'origin-verify-token',
  'cellgraph:subgraphSecrets': JSON.stringify({
    AUTH_SIGNING_KEY: '{"kty":"OKP"}',
    IDENTITY_ENCRYPTION_KEY: 'identity-key',
    PAYMENT_WEBHOOK_SECRET: 'payment-webhook-secret',
    SIGNATURE_WEBHOOK_SECRET: 'signature-webhook-secret',
    WEBHOOK_ENCRYPTION_KEY: 'webhook-encryption-key',
  }),
};

export const BASE_CONFIG: Record<string, string> = {
  'aws:region': 'eu-west-1',
  'cellgraph:domain': 'cell.example.com',
  'cellgraph:githubRepository': 'acme/cellgraph',
  'cellgraph:parentZoneId': 'ZPARENT',
  'cellgraph:dnsDelegationRoleArn': 'arn:aws:iam::111111111111:role/dns-delegation',
  'cellgraph:loggingAccountId': '222222222222',
  'cellgraph:alarmEmail': 'oncall@example.com',
};

export const IMAGE = 'ghcr.io/acme/cellgraph:sha-0123456789abcdef';

const extraState = (type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> => {
  switch (type) {
    case 'aws:acm/certificate:Certificate':
      return {
        domainValidationOptions: [
          {
            domainName: inputs.domainName,
            resourceRecordName: `_x.${String(inputs.domainName)}`,
            resourceRecordType: 'CNAME',
            resourceRecordValue: '_y.acm-validations.aws',
          },
        ],
      };
    case 'aws:lambda/invocation:Invocation':
      return { result: JSON.stringify({ image: (JSON.parse(String(inputs.input)) as { image: string }).image, exitCode: 0 }) };
    case 'aws:rds/cluster:Cluster':
      return {
        endpoint: `${name}.cluster.eu-west-1.rds.amazonaws.com`,
        readerEndpoint: `${name}.cluster-ro.eu-west-1.rds.amazonaws.com`,
        clusterIdentifier: inputs.clusterIdentifier,
      };
    case 'aws:elasticache/replicationGroup:ReplicationGroup':
      return { primaryEndpointAddress: `master.${name}.cache.amazonaws.com` };
    case 'aws:ecs/taskDefinition:TaskDefinition':
      return { arnWithoutRevision: `arn:aws:ecs:eu-west-1:123456789012:task-definition/${String(inputs.family)}` };
    case 'aws:route53/zone:Zone':
      return { zoneId: `Z-${name}`, nameServers: ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.com'] };
    case 'aws:lb/loadBalancer:LoadBalancer':
      return { dnsName: `${name}.elb.amazonaws.com`, zoneId: 'ZALB', arnSuffix: `app/${name}/1` };
    case 'aws:lb/targetGroup:TargetGroup':
      return { arnSuffix: `targetgroup/${name}/1` };
    case 'aws:cloudfront/distribution:Distribution':
      return { domainName: 'd111.cloudfront.net', hostedZoneId: 'Z2FDTNDATAQYW2' };
    case 'aws:s3/bucket:Bucket':
      return { bucket: name, bucketRegionalDomainName: `${name}.s3.eu-west-1.amazonaws.com` };
    case 'aws:acm/certificateValidation:CertificateValidation':
      return { certificateArn: inputs.certificateArn };
    default:
      return {};
  }
};

/** Lets the program's pending registrations finish: done once nothing new was declared for a while. */
async function settle(resources: Declared[]): Promise<void> {
  let seen = -1;
  let quiet = 0;
  while (quiet < 5) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    quiet = resources.length === seen ? quiet + 1 : 0;
    seen = resources.length;
  }
}

export async function runCell(
  stack: string,
  options: { config?: Record<string, string>; env?: NodeJS.ProcessEnv; catalog?: SubgraphCatalog; cellsDir?: string; resources?: Declared[] } = {},
): Promise<Run> {
  const resources: Declared[] = options.resources ?? [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const arn = `arn:aws:mock:eu-west-1:123456789012:${args.type}/${args.name}`;
        const id = `${args.name}-id`;
        resources.push({ type: args.type, name: args.name, inputs: args.inputs, id, arn });
        return { id, state: { arn, name: args.inputs.name ?? args.name, ...args.inputs, ...extraState(args.type, args.name, args.inputs) } };
      },
      call(args) {
        if (args.token === 'aws:index/getCallerIdentity:getCallerIdentity')
          return { accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/test', userId: 'test' };
        if (args.token === 'aws:ec2/getManagedPrefixList:getManagedPrefixList') return { id: 'pl-cloudfront', name: args.inputs.name };
        return args.inputs;
      },
    },
    'cellgraph',
    stack,
    false,
  );
  pulumi.runtime.setAllConfig({ ...BASE_CONFIG, ...SECRETS, ...options.config }, Object.keys(SECRETS));
  const outputs = deployCell({ env: options.env ?? { CELLGRAPH_IMAGE: IMAGE }, catalog: options.catalog, cellsDir: options.cellsDir });
  await settle(resources);
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) {
    resolved[key] = pulumi.Output.isInstance(value) ? await new Promise((resolve) => value.apply(resolve)) : value;
  }
  const of = (type: string) => resources.filter((resource) => resource.type === type);
  const named = (type: string, name: string) => {
    const found = of(type).find((resource) => resource.name === name);
    if (!found)
      throw new Error(
        `No ${type} named ${name}; there are: ${of(type)
          .map((resource) => resource.name)
          .join(', ')}`,
      );
    return found;
  };
  return { resources, outputs, of, named, resolved };
}
