import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Project } from './project.entity.js';

/**
 * A client key (DSN). The public key is not a secret: it ships inside browser bundles.
 * Modern DSNs carry no secret key, so none is stored.
 */
@ObjectType('ProjectKey')
@Entity('project_key')
@Index(['projectId'])
export class ProjectKey {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;

  @Field()
  @Column({ type: 'text', default: 'Default' })
  label!: string;

  @Field({ description: '32 hex characters; the user part of the DSN.' })
  @Column({ type: 'text', unique: true })
  publicKey!: string;

  @Field({ description: 'Disabled keys are refused at ingestion.' })
  @Column({ default: true })
  isActive!: boolean;

  @Field(() => Int, { nullable: true, description: 'Events accepted per window; null means no limit.' })
  @Column({ type: 'integer', nullable: true })
  rateLimitCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Rate-limit window in seconds.' })
  @Column({ type: 'integer', nullable: true })
  rateLimitWindow!: number | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
