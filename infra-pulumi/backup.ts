import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, cellTags, namePrefix } from './config.js';
import { trustService } from './iam.js';

/**
 * AWS Backup of the database beyond Aurora's point-in-time window: a daily recovery point kept for
 * the DR tier's snapshot retention in the cell's vault, and, for the `critical` tier, copied to a
 * vault in the DR region (a regional disaster: restore there).
 */
export interface Backups {
  vault: aws.backup.Vault;
  plan: aws.backup.Plan;
  drVault?: aws.backup.Vault;
}

export function createBackups(settings: CellSettings, args: { clusterArn: pulumi.Output<string>; key: aws.kms.Key }, parent: pulumi.Resource): Backups {
  const prefix = namePrefix(settings);
  const tier = settings.drTier;
  const vault = new aws.backup.Vault(`${prefix}-vault`, { name: `${prefix}`, kmsKeyArn: args.key.arn, forceDestroy: !settings.production }, { parent });
  let drVault: aws.backup.Vault | undefined;
  if (tier.copyToDrRegion) {
    const dr = new aws.Provider(`${prefix}-dr-region`, { region: settings.drRegion as aws.Region, defaultTags: { tags: cellTags(settings) } }, { parent });
    drVault = new aws.backup.Vault(`${prefix}-dr-vault`, { name: `${prefix}-dr`, forceDestroy: !settings.production }, { parent, provider: dr });
  }
  const plan = new aws.backup.Plan(
    `${prefix}-plan`,
    {
      name: `${prefix}`,
      rules: [
        {
          ruleName: `daily-${tier.name}`,
          targetVaultName: vault.name,
          schedule: 'cron(0 3 * * ? *)',
          startWindow: 60,
          completionWindow: 360,
          lifecycle: { deleteAfter: tier.snapshotRetentionDays },
          copyActions: drVault ? [{ destinationVaultArn: drVault.arn, lifecycle: { deleteAfter: tier.snapshotRetentionDays } }] : undefined,
        },
      ],
    },
    { parent },
  );
  const role = new aws.iam.Role(
    `${prefix}-backup`,
    {
      assumeRolePolicy: trustService('backup.amazonaws.com'),
      managedPolicyArns: [
        'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
        'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
      ],
    },
    { parent },
  );
  new aws.backup.Selection(
    `${prefix}-database`,
    { name: `${prefix}-database`, planId: plan.id, iamRoleArn: role.arn, resources: [args.clusterArn] },
    { parent },
  );
  return { vault, plan, drVault };
}
