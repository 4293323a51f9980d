import { UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AuditEntryFilter } from '../audit-entry/audit-entry.inputs.js';
import { FileRef } from '../file/file.ref.js';

export enum AuditChainBreak {
  MISSING_ENTRY = 'MISSING_ENTRY',
  PREVIOUS_HASH_MISMATCH = 'PREVIOUS_HASH_MISMATCH',
  HASH_MISMATCH = 'HASH_MISMATCH',
  HEAD_MISMATCH = 'HEAD_MISMATCH',
}
registerEnumType(AuditChainBreak, {
  name: 'AuditChainBreak',
  description: 'Why the chain is broken at its first bad position.',
  valuesConfig: {
    MISSING_ENTRY: { description: 'An entry of the chain is gone.' },
    PREVIOUS_HASH_MISMATCH: { description: 'The entry does not follow the previous one (removed, reordered or changed).' },
    HASH_MISMATCH: { description: 'The entry was changed after it was recorded.' },
    HEAD_MISMATCH: { description: 'The chain’s recorded head does not match its last entry.' },
  },
});

export enum AuditExportFormat {
  CSV = 'CSV',
  JSONL = 'JSONL',
}
registerEnumType(AuditExportFormat, { name: 'AuditExportFormat' });

@ObjectType({ description: 'The result of checking your organization’s audit chain.' })
export class AuditVerification {
  @Field({ description: 'True when every entry since the retention anchor is present, unchanged and in order.' })
  intact!: boolean;

  @Field(() => Int, { description: 'Entries checked before the first break (all of them when intact).' })
  checkedEntries!: number;

  @Field(() => Int, { description: 'The chain’s last position (0: no entries yet).' })
  headSeq!: number;

  @Field(() => Int, { description: 'Entries up to this position were removed by retention; checking starts after it.' })
  anchorSeq!: number;

  @Field(() => Int, { nullable: true, description: 'The first position that does not verify.' })
  firstBrokenSeq!: number | null;

  @Field(() => ID, { nullable: true, description: 'The entry at that position, when it exists.' })
  firstBrokenEntryId!: string | null;

  @Field(() => AuditChainBreak, { nullable: true })
  reason!: AuditChainBreak | null;
}

@InputType()
export class AuditRetentionSetInput {
  @Field(() => Int, { nullable: true, description: 'Days entries are kept, 30 to 36500; null keeps them for ever.' })
  days!: number | null;
}

@ObjectType()
export class AuditRetentionSetPayload {
  @Field(() => Int, { nullable: true })
  retentionDays?: number | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class AuditExportInput {
  @Field(() => AuditEntryFilter, { nullable: true })
  filter?: AuditEntryFilter | null;

  @Field(() => AuditExportFormat, { defaultValue: AuditExportFormat.CSV })
  format!: AuditExportFormat;
}

@ObjectType()
export class AuditExportPayload {
  @Field(() => FileRef, { nullable: true, description: 'The exported File (files module).' })
  file?: FileRef | null;

  @Field(() => Int, { nullable: true })
  entries?: number | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
