import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, namePrefix } from './config.js';

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

  const publicSubnets = settings.availabilityZones.map((zone, i) => {
    const subnet = new aws.ec2.Subnet(
      `${prefix}-public-${i}`,
      {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: subnetCidr(settings.vpcCidr, 'public', i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${prefix}-public-${zone}`, tier: 'public' },
      },
      opts,
    );
    new aws.ec2.RouteTableAssociation(`${prefix}-public-${i}`, { subnetId: subnet.id, routeTableId: publicRoutes.id }, opts);
    return subnet;
  });

  const nats = publicSubnets.slice(0, Math.max(1, Math.min(settings.natGateways, 3))).map((subnet, i) => {
    const eip = new aws.ec2.Eip(`${prefix}-nat-${i}`, { domain: 'vpc' }, opts);
    return new aws.ec2.NatGateway(`${prefix}-nat-${i}`, { subnetId: subnet.id, allocationId: eip.id }, { parent, dependsOn: [igw] });
  });

  const privateSubnets = settings.availabilityZones.map((zone, i) => {
    const subnet = new aws.ec2.Subnet(
      `${prefix}-private-${i}`,
      {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: subnetCidr(settings.vpcCidr, 'private', i),
        tags: { Name: `${prefix}-private-${zone}`, tier: 'private' },
      },
      opts,
    );
    const routes = new aws.ec2.RouteTable(
      `${prefix}-private-${i}`,
      { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nats[i % nats.length]!.id }] },
      opts,
    );
    new aws.ec2.RouteTableAssociation(`${prefix}-private-${i}`, { subnetId: subnet.id, routeTableId: routes.id }, opts);
    return { subnet, routes };
  });

  const isolatedSubnets = settings.availabilityZones.map((zone, i) => {
    const subnet = new aws.ec2.Subnet(
      `${prefix}-isolated-${i}`,
      {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: subnetCidr(settings.vpcCidr, 'isolated', i),
        tags: { Name: `${prefix}-isolated-${zone}`, tier: 'isolated' },
      },
      opts,
    );
    new aws.ec2.RouteTableAssociation(`${prefix}-isolated-${i}`, { subnetId: subnet.id, routeTableId: isolatedRoutes.id }, opts);
    return subnet;
  });

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
  const flowLogRole = new aws.iam.Role(
    `${prefix}-flow-logs`,
    {
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    },
    opts,
  );
  new aws.iam.RolePolicy(
    `${prefix}-flow-logs`,
    {
      role: flowLogRole.id,
      policy: flowLogs.arn.apply((arn) =>
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: `${arn}:*` }],
        }),
      ),
    },
    opts,
  );
  new aws.ec2.FlowLog(`${prefix}-vpc`, { vpcId: vpc.id, trafficType: 'ALL', logDestination: flowLogs.arn, iamRoleArn: flowLogRole.arn }, opts);

  return {
    vpc,
    publicSubnetIds: publicSubnets.map((subnet) => subnet.id),
    privateSubnetIds: privateSubnets.map(({ subnet }) => subnet.id),
    isolatedSubnetIds: isolatedSubnets.map((subnet) => subnet.id),
  };
}
