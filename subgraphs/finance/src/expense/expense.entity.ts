import { GraphQLDateTimeISO, GraphQLLocalDate, Money, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

/** A fixed set of categories (as the specification's): `other` for whatever fits none. */
export enum ExpenseCategory {
  SOFTWARE = 'software',
  TRAVEL = 'travel',
  OFFICE = 'office',
  MEALS = 'meals',
  EQUIPMENT = 'equipment',
  OTHER = 'other',
}
registerEnumType(ExpenseCategory, { name: 'ExpenseCategory', description: 'What an expense was for.' });

export enum ExpenseStatus {
  PENDING = 'pending',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  REIMBURSED = 'reimbursed',
}
registerEnumType(ExpenseStatus, {
  name: 'ExpenseStatus',
  description: 'PENDING (submitted, awaiting a decision) → APPROVED or REJECTED; APPROVED → REIMBURSED (paid back).',
});

@Entity({ name: 'expenses' })
@ObjectType('Expense', { description: 'Money a member spent for the organization, with its receipt, awaiting or past approval.' })
@Directive('@key(fields: "id")')
export class Expense extends NodeEntity('Expense') {
  @Column('uuid') orgId!: string;

  @Field(() => ExpenseCategory) @Column('text') category!: ExpenseCategory;

  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) description!: string | null;

  /** Exact decimal text as Postgres returns numeric (never a float). */
  @Column('numeric', { name: 'amount' }) amountValue!: string;

  @Column('char', { length: 3 }) currency!: string;

  @Field(() => String, { nullable: true, description: 'Who was paid (free text).' }) @Column('text', { nullable: true }) vendor!: string | null;

  @Field(() => GraphQLLocalDate, { description: 'When the money was spent.' }) @Column('date') expenseDate!: string;

  @Column('uuid', { nullable: true }) receiptFileId!: string | null;

  @Field(() => ExpenseStatus) @Column('text') status!: ExpenseStatus;

  @Column('uuid') submittedBy!: string;

  @Column('uuid', { nullable: true }) decidedBy!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was approved or rejected.' })
  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected (REJECTED only).' })
  @Column('text', { nullable: true })
  rejectionReason!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was paid back (REIMBURSED only).' })
  @Column('timestamptz', { nullable: true })
  reimbursedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;

  @Field(() => GraphQLDateTimeISO) @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' }) deletedAt!: Date | null;

  @Field(() => Money, { description: 'What was spent, exact, in its currency.' })
  get amount(): Money {
    return Money.of(this.amountValue, this.currency);
  }
}
