import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity } from 'typeorm';

export enum DependencyType {
  FINISH_TO_START = 'finish_to_start',
  START_TO_START = 'start_to_start',
  FINISH_TO_FINISH = 'finish_to_finish',
}
registerEnumType(DependencyType, {
  name: 'DependencyType',
  description:
    'FINISH_TO_START: the task starts after the other finishes; START_TO_START: starts after it starts; FINISH_TO_FINISH: finishes after it finishes.',
});

@Entity({ name: 'dependencies' })
@ObjectType('TaskDependency', { description: '`task` depends on `dependsOn`.' })
export class TaskDependency extends NodeEntity('TaskDependency') {
  @Column('uuid') orgId!: string;
  @Column('uuid') taskId!: string;
  @Column('uuid') dependsOnId!: string;
  @Field(() => DependencyType) @Column('text') type!: DependencyType;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
