import { GraphQLDateTimeISO, Money, NodeEntity } from '@cellgraph/kernel';
import Big from 'big.js';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export enum PaymentType {
  PAYMENT = 'payment',
  REFUND = 'refund',
  CREDIT_NOTE = 'credit_note',
}
registerEnumType(PaymentType, {
  name: 'PaymentType',
  description: 'What a ledger entry is.',
  valuesConfig: {
    PAYMENT: { description: 'Money received for an invoice (by card through the provider, or recorded by hand).' },
    REFUND: { description: 'Money returned from a payment (`refundOf`).' },
    CREDIT_NOTE: { description: 'A credit that lowers what an invoice’s customer owes; no money moves.' },
  },
});

export enum PaymentDirection {
  INBOUND = 'inbound',
  OUTBOUND = 'outbound',
}
registerEnumType(PaymentDirection, {
  name: 'PaymentDirection',
  description: 'INBOUND: to the organization (payments); OUTBOUND: to the customer (refunds, credits).',
});

export enum PaymentMethod {
  CARD = 'card',
  BANK_TRANSFER = 'bank_transfer',
  ACH = 'ach',
  CHECK = 'check',
  CASH = 'cash',
  OTHER = 'other',
}
registerEnumType(PaymentMethod, { name: 'PaymentMethod', description: 'How the money moved (CARD: through the payment provider).' });

export enum PaymentStatus {
  PENDING = 'pending',
  PROCESSING = 'processing',
  COMPLETED = 'completed',
  FAILED = 'failed',
  REFUNDED = 'refunded',
  CANCELLED = 'cancelled',
}
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where a ledger entry is.',
  valuesConfig: {
    PENDING: { description: 'Waiting for the customer (a card payment) or the provider (a card refund).' },
    PROCESSING: { description: 'The provider is processing it.' },
    COMPLETED: { description: 'Done: it counts in the invoice’s amount paid.' },
    FAILED: { description: 'The last attempt failed (a declined card); the customer may pay again on the same page.' },
    REFUNDED: { description: 'A payment whose whole amount was refunded.' },
    CANCELLED: { description: 'Abandoned before it was paid.' },
  },
});

@Entity({ name: 'payments' })
@ObjectType('Payment', {
  description: 'An entry of the payments ledger: a payment received for an invoice, a refund of one, or a credit note against an invoice.',
})
@Directive('@key(fields: "id")')
export class Payment extends NodeEntity('Payment') {
  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  invoiceId!: string;

  @Column('uuid')
  contactId!: string;

  @Field(() => PaymentType)
  @Column('text')
  type!: PaymentType;

  @Field(() => PaymentDirection)
  @Column('text')
  direction!: PaymentDirection;

  @Field(() => PaymentMethod, { nullable: true, description: 'null for credit notes.' })
  @Column('text', { nullable: true })
  method!: PaymentMethod | null;

  @Field(() => PaymentStatus)
  @Column('text')
  status!: PaymentStatus;

  /** Exact decimal text (numeric), as the fee below. */
  @Column('numeric', { name: 'amount' })
  amountValue!: string;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('numeric', { name: 'fee' })
  feeValue!: string;

  @Field({ description: '`local` (the simulator), `manual` (recorded by hand).' })
  @Column('text')
  provider!: string;

  @Field(() => String, { nullable: true, description: 'The provider’s payment intent id (card payments and their refunds).' })
  @Column('text', { nullable: true })
  providerPaymentId!: string | null;

  @Field(() => String, { nullable: true, description: 'The provider’s refund id (card refunds).' })
  @Column('text', { nullable: true })
  providerRefundId!: string | null;

  /** The payment a refund returns. */
  @Column('uuid', { nullable: true })
  refundOf!: string | null;

  @Field(() => String, { nullable: true, description: 'A check number, a wire reference, …' })
  @Column('text', { nullable: true })
  reference!: string | null;

  @Field(() => String, { nullable: true, description: 'A note, or the reason of a refund or credit note.' })
  @Column('text', { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (a declined card).' })
  @Column('text', { nullable: true })
  failureMessage!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it completed (the money arrived, was returned, or the credit was given).' })
  @Column('timestamptz', { nullable: true })
  paidAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  failedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When a payment was last refunded.' })
  @Column('timestamptz', { nullable: true })
  refundedAt!: Date | null;

  /** Who recorded it (null: the provider's webhook or the customer's page). */
  @Column('uuid', { nullable: true })
  createdBy!: string | null;

  /** The delivery whose public link the customer paid through (`publicInvoicePay`), else null. */
  @Column('uuid', { nullable: true })
  deliveryId!: string | null;

  @Field({ description: 'Whether the invoice’s customer started it, from the invoice’s public page (no account; `createdBy` is null).' })
  get initiatedByCustomer(): boolean {
    return Boolean(this.deliveryId);
  }

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Money, { description: 'The amount, in the invoice’s currency (positive for every type).' })
  get amount(): Money {
    return Money.of(this.amountValue, this.currency);
  }

  @Field(() => Money, { description: 'The provider’s processing fee (card payments), else 0.' })
  get fee(): Money {
    return Money.of(this.feeValue, this.currency);
  }

  @Field(() => Money, { description: 'amount − fee: what the organization keeps.' })
  get net(): Money {
    return Money.of(new Big(this.amountValue).minus(this.feeValue), this.currency);
  }
}
