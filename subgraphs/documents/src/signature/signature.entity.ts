import { GraphQLDateTimeISO } from '@cellgraph/kernel';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export enum SignatureStatus {
  SENT = 'SENT',
  COMPLETED = 'COMPLETED',
  VOIDED = 'VOIDED',
}
registerEnumType(SignatureStatus, { name: 'DocumentSignatureStatus', description: 'Out for signature, signed by everyone, or cancelled.' });

@Entity({ name: 'signature_signers' })
@ObjectType('DocumentSigner', { description: 'Someone asked to sign, in order.' })
export class Signer {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  requestId!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field()
  @Column('text')
  email!: string;

  @Field({ description: '1 signs first; the next order is asked once every signer of this one has signed.' })
  @Column('int', { name: 'signing_order' })
  order!: number;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  signedAt!: Date | null;
}

@Entity({ name: 'signature_requests' })
@ObjectType('DocumentSignature', { description: "A document's request for signatures (an envelope at the e-signature provider)." })
export class SignatureRequest {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  documentId!: string;

  @Field({ description: 'The e-signature provider (`local`: the simulator).' })
  @Column('text')
  provider!: string;

  @Column('text')
  envelopeId!: string;

  @Field(() => SignatureStatus)
  @Column('text')
  status!: SignatureStatus;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  message!: string | null;

  /** The sender's job delegation, sealed: the signed PDF is stored through files as the sender. */
  @Column('text', { nullable: true })
  actingFor!: string | null;

  @Column('text', { nullable: true })
  signedFileId!: string | null;

  @Column('uuid')
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was sent.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the last signer signed.' })
  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;
}
