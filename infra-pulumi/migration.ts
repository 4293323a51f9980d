import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, namePrefix } from './config.js';
import { rolePolicy, trustService } from './iam.js';
import type { CellManifest } from './manifest.js';
import type { RunningService } from './services.js';

/**
 * Migrations run before the services roll: `pulumi up` invokes a small Lambda function that starts
 * the migrate task (the image's `migrate` service: the database, each enabled subgraph's schema and
 * roles, pending migrations) and waits for it to stop. A non-zero exit fails the invocation, so
 * `pulumi up` stops before any service gets the new image (the services carry the invocation's
 * result: services.ts). It runs again whenever the migrate task definition (its image) or the cell's
 * subgraphs change: adding a subgraph to the manifest creates its schema and roles on the next up.
 */
export interface Migration {
  runner: aws.lambda.Function;
  invocation: aws.lambda.Invocation;
  /** The image the migrations ran with (services wait for it). */
  migratedImage: pulumi.Output<string>;
}

/** The runner (Node.js 20 on Lambda, whose runtime ships the AWS SDK v3). */
export const RUNNER_SOURCE = `import { DescribeTasksCommand, ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';
const ecs = new ECSClient({});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const handler = async (event, context) => {
  const { cluster, taskDefinition, subnets, securityGroups, image } = event;
  const started = await ecs.send(new RunTaskCommand({
    cluster, taskDefinition, count: 1, launchType: 'FARGATE', startedBy: 'pulumi-migrate',
    networkConfiguration: { awsvpcConfiguration: { subnets, securityGroups, assignPublicIp: 'DISABLED' } },
  }));
  const task = started.tasks?.[0];
  if (!task) throw new Error('migrate: the task did not start: ' + JSON.stringify(started.failures));
  for (;;) {
    if (context.getRemainingTimeInMillis() < 30000) throw new Error('migrate: still running after 14 minutes: ' + task.taskArn);
    await sleep(10000);
    const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [task.taskArn] }));
    const current = tasks?.[0];
    if (current?.lastStatus !== 'STOPPED') continue;
    const container = current.containers?.find((c) => c.name === 'migrate');
    if (container?.exitCode === 0) return { taskArn: task.taskArn, image, exitCode: 0 };
    throw new Error('migrate failed (exit ' + container?.exitCode + ', ' + (container?.reason ?? current.stoppedReason) + '): see its log stream for ' + task.taskArn);
  }
};
`;

export function createMigration(
  settings: CellSettings,
  manifest: CellManifest,
  args: {
    cluster: aws.ecs.Cluster;
    task: RunningService;
    image: pulumi.Output<string>;
    subnetIds: pulumi.Input<string>[];
    securityGroupId: pulumi.Input<string>;
  },
  parent: pulumi.Resource,
): Migration {
  const prefix = namePrefix(settings);
  const { task } = args;
  const role = new aws.iam.Role(
    `${prefix}-migrate-runner`,
    { name: `${prefix}-migrate-runner`, assumeRolePolicy: trustService('lambda.amazonaws.com') },
    { parent },
  );
  new aws.iam.RolePolicyAttachment(
    `${prefix}-migrate-runner-logs`,
    { role: role.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
    { parent },
  );
  rolePolicy(
    `${prefix}-migrate-runner`,
    role,
    [
      task.taskDefinition.arnWithoutRevision.apply((family) => ({ Effect: 'Allow' as const, Action: 'ecs:RunTask', Resource: `${family}:*` })),
      args.cluster.arn.apply((cluster) => ({
        Effect: 'Allow' as const,
        Action: 'ecs:DescribeTasks',
        Resource: '*',
        Condition: { ArnEquals: { 'ecs:cluster': cluster } },
      })),
      pulumi.all([task.executionRole.arn, task.taskRole.arn]).apply((arns) => ({ Effect: 'Allow' as const, Action: 'iam:PassRole', Resource: arns })),
    ],
    parent,
  );
  const runner = new aws.lambda.Function(
    `${prefix}-migrate-runner`,
    {
      name: `${prefix}-migrate-runner`,
      description: `Runs the migrate task of ${settings.stack} and waits for it`,
      runtime: aws.lambda.Runtime.NodeJS20dX,
      handler: 'index.handler',
      role: role.arn,
      timeout: 900,
      memorySize: 256,
      code: new pulumi.asset.AssetArchive({ 'index.mjs': new pulumi.asset.StringAsset(RUNNER_SOURCE) }),
    },
    { parent },
  );
  const invocation = new aws.lambda.Invocation(
    `${prefix}-migrate`,
    {
      functionName: runner.name,
      input: pulumi.jsonStringify({
        cluster: args.cluster.arn,
        taskDefinition: task.taskDefinition.arn,
        subnets: args.subnetIds,
        securityGroups: [args.securityGroupId],
        image: args.image,
      }),
      // Again on a new image (a new task definition revision) or another set of subgraphs.
      triggers: { taskDefinition: task.taskDefinition.arn, subgraphs: manifest.subgraphs.map((subgraph) => subgraph.name).join(',') },
    },
    { parent },
  );
  const migratedImage = invocation.result.apply((result) => (JSON.parse(result) as { image: string }).image);
  return { runner, invocation, migratedImage };
}

/** The command that runs the migrate task by hand (a re-run, or after a restore), for the stack's outputs. */
export function migrateCommand(
  settings: CellSettings,
  args: { cluster: pulumi.Output<string>; taskDefinition: pulumi.Output<string>; subnetIds: pulumi.Input<string>[]; securityGroupId: pulumi.Input<string> },
) {
  return pulumi
    .all([args.cluster, args.taskDefinition, pulumi.output(args.subnetIds), pulumi.output(args.securityGroupId)])
    .apply(
      ([cluster, taskDefinition, subnets, group]) =>
        `aws ecs run-task --region ${settings.region} --cluster ${cluster} --task-definition ${taskDefinition} --launch-type FARGATE ` +
        `--network-configuration 'awsvpcConfiguration={subnets=[${subnets.join(',')}],securityGroups=[${group}],assignPublicIp=DISABLED}'`,
    );
}
