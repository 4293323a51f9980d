import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One issued period of a recurring invoice: the invoice it became (the key (rule, period) makes each period once). */
@Entity({ name: 'recurring_invoice_issues' })
export class RecurringInvoiceIssue {
  @PrimaryColumn('uuid')
  ruleId!: string;

  @PrimaryColumn('date')
  periodDate!: string;

  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  invoiceId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
