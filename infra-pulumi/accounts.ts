import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, namePrefix } from './config.js';
import { rolePolicy } from './iam.js';

/**
 * The specification's multi-account shape, from the cell's side: each product and environment runs
 * in its own AWS account (the stack's credentials choose it). In that account the stack creates
 *   - the deployer role GitHub Actions assumes through OpenID Connect (deploy.yml, environment
 *     `<env>`: trust `repo:<owner>/<repo>:environment:<env>`), and a read-only preview role
 *     (pull requests: `repo:<owner>/<repo>:pull_request`);
 *   - the role the central log-archive account assumes to read the cell's logs and metrics;
 *   - the cell's public hosted zone, delegated from the shared network account's parent zone by a
 *     record written there through a role of that account (`dnsDelegationRoleArn`).
 * The first `pulumi up` of a stack runs with an administrator's credentials (it creates the deployer
 * role); CI uses that role from then on.
 */
export interface Accounts {
  deployerRole: aws.iam.Role;
  previewRole: aws.iam.Role;
  loggingRole?: aws.iam.Role;
  zone: aws.route53.Zone;
}

const GITHUB_OIDC = 'token.actions.githubusercontent.com';

/** What the deployer may manage: the services a cell is made of (and IAM only under the cell's path). */
export const DEPLOYER_SERVICES = [
  'acm',
  'application-autoscaling',
  'backup',
  'budgets',
  'cloudfront',
  'cloudwatch',
  'ec2',
  'ecr',
  'ecs',
  'elasticache',
  'elasticloadbalancing',
  'kms',
  'lambda',
  'logs',
  'rds',
  'route53',
  's3',
  'secretsmanager',
  'servicediscovery',
  'sns',
  'wafv2',
];

export function createAccounts(settings: CellSettings, parent: pulumi.Resource): Accounts {
  const prefix = namePrefix(settings);
  const repo = settings.accounts.githubRepository;
  const oidcArn: pulumi.Input<string> =
    settings.accounts.githubOidcProviderArn ??
    new aws.iam.OpenIdConnectProvider(`${prefix}-github`, { url: `https://${GITHUB_OIDC}`, clientIdLists: ['sts.amazonaws.com'] }, { parent }).arn;

  const githubTrust = (subject: string, crossAccount?: string) =>
    pulumi.output(oidcArn).apply((arn) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: arn },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${GITHUB_OIDC}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC}:sub`]: subject } },
          },
          // The CI/CD account's role (itself assumed by GitHub Actions through OIDC) may assume it too.
          ...(crossAccount ? [{ Effect: 'Allow', Principal: { AWS: crossAccount }, Action: 'sts:AssumeRole' }] : []),
        ],
      }),
    );

  const deployerRole = new aws.iam.Role(
    `${prefix}-deployer`,
    {
      name: `${prefix}-deployer`,
      description: `GitHub Actions deploys ${settings.stack}`,
      assumeRolePolicy: githubTrust(`repo:${repo}:environment:${settings.environment}`, settings.accounts.cicdRoleArn),
      maxSessionDuration: 3600,
    },
    { parent },
  );
  const account = aws.getCallerIdentityOutput({}, { parent });
  rolePolicy(
    `${prefix}-deployer`,
    deployerRole,
    [
      { Sid: 'CellServices', Effect: 'Allow', Action: DEPLOYER_SERVICES.map((service) => `${service}:*`), Resource: '*' },
      account.accountId.apply((accountId) => ({
        Sid: 'CellRoles',
        Effect: 'Allow' as const,
        Action: 'iam:*',
        Resource: [`arn:aws:iam::${accountId}:role/${prefix}-*`, `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC}`],
      })),
      { Sid: 'ReadIam', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:CreateServiceLinkedRole'], Resource: '*' },
    ],
    parent,
  );
  const previewRole = new aws.iam.Role(
    `${prefix}-preview`,
    {
      name: `${prefix}-preview`,
      description: `GitHub Actions previews ${settings.stack} (read only)`,
      assumeRolePolicy: githubTrust(`repo:${repo}:pull_request`),
      managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    },
    { parent },
  );

  const loggingRole = settings.accounts.loggingAccountId
    ? new aws.iam.Role(
        `${prefix}-logging`,
        {
          name: `${prefix}-logging`,
          description: 'The log-archive account reads this cell’s logs and metrics',
          assumeRolePolicy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${settings.accounts.loggingAccountId}:root` }, Action: 'sts:AssumeRole' }],
          }),
          managedPolicyArns: ['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess'],
        },
        { parent },
      )
    : undefined;

  const zone = new aws.route53.Zone(
    `${prefix}-zone`,
    { name: settings.domain, comment: `cellgraph ${settings.stack}`, forceDestroy: !settings.production },
    { parent },
  );
  if (settings.parentZoneId && settings.dnsDelegationRoleArn) {
    const network = new aws.Provider(
      `${prefix}-network-account`,
      { region: settings.region as aws.Region, assumeRoles: [{ roleArn: settings.dnsDelegationRoleArn }] },
      { parent },
    );
    new aws.route53.Record(
      `${prefix}-delegation`,
      { zoneId: settings.parentZoneId, name: settings.domain, type: 'NS', ttl: 172800, records: zone.nameServers },
      { parent, provider: network },
    );
  }
  return { deployerRole, previewRole, loggingRole, zone };
}
