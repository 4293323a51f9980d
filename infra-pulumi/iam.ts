import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** IAM building blocks: trust policies and inline policies as JSON, one statement list each. */

export const trustService = (service: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

export type Statement = { Sid?: string; Effect: 'Allow' | 'Deny'; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, unknown> };

/** A role policy from statements whose resources may be outputs; none when there is nothing to allow. */
export function rolePolicy(name: string, role: aws.iam.Role, statements: pulumi.Input<Statement>[], parent: pulumi.Resource): aws.iam.RolePolicy | undefined {
  if (!statements.length) return undefined;
  return new aws.iam.RolePolicy(
    name,
    { role: role.id, policy: pulumi.output(statements).apply((resolved) => JSON.stringify({ Version: '2012-10-17', Statement: resolved })) },
    { parent },
  );
}

/** The role RDS Enhanced Monitoring writes metrics with. */
export function rdsMonitoringRole(name: string, parent: pulumi.Resource): aws.iam.Role {
  return new aws.iam.Role(
    name,
    {
      assumeRolePolicy: trustService('monitoring.rds.amazonaws.com'),
      managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole'],
    },
    { parent },
  );
}
