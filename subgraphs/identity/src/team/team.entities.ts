import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'teams' })
@ObjectType('Team', { description: 'A group of members of an organization; things can be shared with a team.' })
@Directive('@key(fields: "id")')
export class Team extends NodeEntity('Team') {
  @Column('uuid') orgId!: string;

  @Field() @Column('text') name!: string;

  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) description!: string | null;

  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' }) deletedAt!: Date | null;
}

export enum TeamRole {
  LEAD = 'lead',
  MEMBER = 'member',
}
registerEnumType(TeamRole, { name: 'TeamRole', description: 'Leads manage the team’s members.' });

@Entity({ name: 'team_members' })
@ObjectType('TeamMember')
export class TeamMember {
  @PrimaryColumn('uuid') teamId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @Column('uuid') orgId!: string;

  @Field(() => TeamRole) @Column('text') role!: TeamRole;

  @Field(() => GraphQLDateTimeISO, { description: 'When the user joined the team.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
