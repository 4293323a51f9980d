import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, namePrefix } from './config.js';
import { rolePolicy, trustService } from './iam.js';

/**
 * The cell's VPC over three zones, in three tiers of subnets: public (the load balancer and the NAT
 * gateways), private (the tasks: out through NAT only) and isolated (Aurora and Redis: no route out
 * at all). Flow logs record every connection.
 */
export interface Network {
  vpc: aws.ec2.Vpc;
  publicSubnetIds: pulumi.Output<string>[];
  privateSubnetIds: pulumi.Output<string>[];
  isolatedSubnetIds: pulumi.Output<string>[];
}

/** The i-th /20 (private), /24 (public, isolated) of the VPC's /16. */
function subnetCidr(vpcCidr: string, tier: 'public' | 'private' | 'isolated', zone: number): string {
  const [a, b] = vpcCidr.split('.');
  if (tier === 'private') return `${a}.${b}.${16 * (zone + 1)}.0/20`; // 10.0.16.0/20, 10.0.32.0/20, 10.0.48.0/20: room for many tasks
  return `${a}.${b}.${(tier === 'public' ? 0 : 100) + zone}.0/24`;
}

export function createNetwork(settings: CellSettings, parent: pulumi.Resource): Network {
  const prefix = namePrefix(settings);
  const opts = { parent };
  const vpc = new aws.ec2.Vpc(
    `${prefix}-vpc`,
    { cidrBlock: settings.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: `${prefix}-vpc` } },
    opts,
  );
  const igw = new aws.ec2.InternetGateway(`${prefix}-igw`, { vpcId: vpc.id }, opts);

  const publicRoutes = new aws.ec2.RouteTable(`${prefix}-public`, { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }] }, opts);
  const isolatedRoutes = new aws.ec2.RouteTable(`${prefix}-isolated`, { vpcId: vpc.id, routes: [] }, opts); // local only

  /** The tier's subnet in the i-th zone, routed by `routeTableId`. */
  const subnet = (tier: 'public' | 'private' | 'isolated', zone: string, i: number, routeTableId: pulumi.Input<string>) => {
    const created = new aws.ec2.Subnet(
      `${prefix}-${tier}-${i}`,
      {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: subnetCidr(settings.vpcCidr, tier, i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${prefix}-${tier}-${zone}`, tier },
      },
      opts,
    );
    new aws.ec2.RouteTableAssociation(`${prefix}-${tier}-${i}`, { subnetId: created.id, routeTableId }, opts);
    return created;
  };

  const publicSubnets = settings.availabilityZones.map((zone, i) => subnet('public', zone, i, publicRoutes.id));

  const nats = publicSubnets.slice(0, Math.max(1, Math.min(settings.natGateways, 3))).map((subnet, i) => {
    const eip = new aws.ec2.Eip(`${prefix}-nat-${i}`, { domain: 'vpc' }, opts);
    return new aws.ec2.NatGateway(`${prefix}-nat-${i}`, { subnetId: subnet.id, allocationId: eip.id }, { parent, dependsOn: [igw] });
  });

  const privateSubnets = settings.availabilityZones.map((zone, i) => {
    const routes = new aws.ec2.RouteTable(
      `${prefix}-private-${i}`,
      { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nats[i % nats.length]!.id }] },
      opts,
    );
    return { subnet: subnet('private', zone, i, routes.id), routes };
  });

  const isolatedSubnets = settings.availabilityZones.map((zone, i) => subnet('isolated', zone, i, isolatedRoutes.id));

  // S3 without NAT (free): the tasks reach the files bucket and ECR's layers through it.
  new aws.ec2.VpcEndpoint(
    `${prefix}-s3`,
    {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${settings.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: privateSubnets.map(({ routes }) => routes.id),
    },
    opts,
  );

  const flowLogs = new aws.cloudwatch.LogGroup(`${prefix}-flow-logs`, { retentionInDays: settings.logRetentionDays }, opts);
  const flowLogRole = new aws.iam.Role(`${prefix}-flow-logs`, { assumeRolePolicy: trustService('vpc-flow-logs.amazonaws.com') }, opts);
  rolePolicy(
    `${prefix}-flow-logs`,
    flowLogRole,
    [
      flowLogs.arn.apply((arn) => ({
        Effect: 'Allow' as const,
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: `${arn}:*`,
      })),
    ],
    parent,
  );
  new aws.ec2.FlowLog(`${prefix}-vpc`, { vpcId: vpc.id, trafficType: 'ALL', logDestination: flowLogs.arn, iamRoleArn: flowLogRole.arn }, opts);

  return {
    vpc,
    publicSubnetIds: publicSubnets.map((subnet) => subnet.id),
    privateSubnetIds: privateSubnets.map(({ subnet }) => subnet.id),
    isolatedSubnetIds: isolatedSubnets.map((subnet) => subnet.id),
  };
}
