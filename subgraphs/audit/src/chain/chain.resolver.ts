import { mutationPayload, requireOrgId, toGlobalId, validateInput, type SubgraphContext, zodMessage } from '@cellgraph/kernel';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { z } from 'zod';
import { AuditErrorCode } from '../audit-entry/audit-entry.errors.js';
import { FileRef } from '../file/file.ref.js';
import type { AuditServices } from '../services.js';
import {
  AuditExportInput,
  AuditExportPayload,
  AuditRetentionSetInput,
  AuditRetentionSetPayload,
  AuditVerification,
  type AuditChainBreak,
} from './chain.inputs.js';
import { auditErrorTexts } from '../messages.js';

type Context = SubgraphContext<AuditServices>;

const retentionInput = z.object({
  days: z.number().int().min(30, zodMessage(auditErrorTexts.retentionMin)).max(36_500, zodMessage(auditErrorTexts.retentionMax)).nullable(),
});

@Resolver()
export class AuditChainResolver {
  constructor(private readonly services: AuditServices) {}

  @Query(() => AuditVerification, { nullable: true, description: 'Checks your organization’s audit chain (owners and admins).' })
  async auditVerify(@Ctx() context: Context): Promise<AuditVerification> {
    await this.services.auditEntries.requireReader(context.request);
    const result = await this.services.chain.verify(requireOrgId(context.request));
    return {
      ...result,
      reason: result.reason as AuditChainBreak | null,
      firstBrokenEntryId: result.firstBrokenEntryId ? toGlobalId('AuditEntry', result.firstBrokenEntryId) : null,
    };
  }

  @Query(() => Int, { nullable: true, description: 'Days your organization’s audit entries are kept; null: for ever (owners and admins).' })
  async auditRetentionDays(@Ctx() context: Context): Promise<number | null> {
    await this.services.auditEntries.requireReader(context.request);
    return this.services.chain.retentionOf(requireOrgId(context.request));
  }

  @Mutation(() => AuditRetentionSetPayload, {
    nullable: true,
    description: 'Sets how long audit entries are kept (owners and admins); the change is itself audited.',
  })
  auditRetentionSet(@Arg('input', () => AuditRetentionSetInput) input: AuditRetentionSetInput, @Ctx() context: Context): Promise<AuditRetentionSetPayload> {
    return mutationPayload(async () => {
      await this.services.auditEntries.requireReader(context.request);
      const { days } = validateInput(retentionInput, { days: input.days ?? null }, AuditErrorCode.InvalidInput);
      return { retentionDays: await this.services.chain.setRetention(context.request, requireOrgId(context.request), days) };
    });
  }

  @Mutation(() => AuditExportPayload, {
    nullable: true,
    description: 'Exports the entries matching a filter, oldest first, to a File (owners and admins); the export is itself audited.',
  })
  auditExport(@Arg('input', () => AuditExportInput) input: AuditExportInput, @Ctx() context: Context): Promise<AuditExportPayload> {
    return mutationPayload(async () => {
      const result = await this.services.exports.export(context.request, input.filter, input.format);
      return { file: FileRef.of(result.fileId), entries: result.entries };
    });
  }
}
