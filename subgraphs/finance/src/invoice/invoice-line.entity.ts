import { GraphQLDateTimeISO, GraphQLDecimal, Money, NodeEntity } from '@cellgraph/kernel';
import Big from 'big.js';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'invoice_lines' })
@ObjectType('InvoiceLine', { description: 'A line of an invoice: what was sold, how many, at what price and tax rate.' })
export class InvoiceLine extends NodeEntity('InvoiceLine') {
  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  invoiceId!: string;

  /** Currency of its invoice (not stored on the line: set when loaded with it). */
  currency!: string;

  @Field(() => Int, { description: 'Its place on the invoice, from 0.' })
  @Column('int')
  position!: number;

  @Field()
  @Column('text')
  description!: string;

  @Column('numeric', { name: 'quantity' })
  quantityValue!: string;

  @Column('numeric', { name: 'unit_price' })
  unitPriceValue!: string;

  @Column('numeric', { name: 'tax_rate' })
  taxRateValue!: string;

  @Column('numeric', { name: 'amount' })
  amountValue!: string;

  @Column('numeric', { name: 'discount_amount' })
  discountAmountValue!: string;

  @Column('numeric', { name: 'tax_amount' })
  taxAmountValue!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => GraphQLDecimal, { description: 'How many (up to 4 decimals), e.g. "1.5".' })
  get quantity(): string {
    return new Big(this.quantityValue).toFixed();
  }

  @Field(() => Money, { description: 'Price of one.' })
  get unitPrice(): Money {
    return Money.of(this.unitPriceValue, this.currency);
  }

  @Field(() => GraphQLDecimal, { description: 'Tax rate in percent, e.g. "19" or "8.875".' })
  get taxRate(): string {
    return new Big(this.taxRateValue).toFixed();
  }

  @Field(() => Money, { description: 'quantity × unit price, rounded half up once to the currency’s minor units.' })
  get amount(): Money {
    return Money.of(this.amountValue, this.currency);
  }

  @Field(() => Money, { description: 'Its share of the invoice’s discount (in proportion to its amount).' })
  get discountAmount(): Money {
    return Money.of(this.discountAmountValue, this.currency);
  }

  @Field(() => Money, { description: '(amount − discount share) × tax rate, rounded half up.' })
  get taxAmount(): Money {
    return Money.of(this.taxAmountValue, this.currency);
  }
}
