import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One sending of an invoice (the first or a re-send, by a person or the recurring job): to whom,
 * the PDF stored in files, and the public link's token — only its SHA-256; the token itself is
 * only in the e-mailed link.
 */
@Entity({ name: 'invoice_deliveries' })
export class InvoiceDelivery {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  invoiceId!: string;

  @Column('text', { array: true })
  recipients!: string[];

  @Column('text', { nullable: true })
  message!: string | null;

  /** The organization's name when it was sent (the public view shows it without asking identity). */
  @Column('text')
  organizationName!: string;

  /** The contact's name when it was sent. */
  @Column('text')
  customerName!: string;

  /** The File (files module) holding the PDF that was sent; null when the recurring job sent it (no caller to store a File as). */
  @Column('uuid', { nullable: true })
  pdfFileId!: string | null;

  @Column('text')
  tokenHash!: string;

  @Column('uuid')
  sentBy!: string;

  @Column('timestamptz', { default: () => 'now()' })
  sentAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;
}
