import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import type { InboundFilterSettings, ScrubOptions } from './project-options.js';

export type ProjectStatus = 'active' | 'pending_deletion';

@ObjectType({ description: 'An application that reports errors; its numeric id is part of every DSN.' })
@Entity('project')
@Index(['organizationId', 'slug'], { unique: true })
export class Project {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @Field({ description: 'Unique within the organization; upper-cased it prefixes issue short IDs (WEB-12).' })
  @Column({ type: 'text' })
  slug!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'SDK platform, e.g. "node" or "javascript".' })
  @Column({ type: 'text', nullable: true })
  platform!: string | null;

  // Internal: rows pending deletion are invisible to every query while a job removes them.
  @Column({ type: 'text', default: 'active' })
  status!: ProjectStatus;

  // Internal: the last issue number handed out (short IDs count up per project).
  @Column({ type: 'integer', default: 0 })
  issueCounter!: number;

  // Settings; null means the defaults (DEFAULT_SCRUB_OPTIONS, DEFAULT_INBOUND_FILTERS), merged
  // under what is stored so settings added later get their defaults too.
  @Column({ type: 'jsonb', nullable: true })
  scrubbing!: Partial<ScrubOptions> | null;

  @Column({ type: 'jsonb', nullable: true })
  inboundFilters!: Partial<InboundFilterSettings> | null;

  /** Project-wide event quota per window (null: none); keys may have their own, stricter limits. */
  @Column({ type: 'integer', nullable: true })
  rateLimitCount!: number | null;

  @Column({ type: 'integer', nullable: true })
  rateLimitWindow!: number | null;

  @Field({ description: "Hold native events whose app debug files are missing until they are uploaded (Sentry's reprocessing_active)." })
  @Column({ type: 'boolean', default: false })
  reprocessingActive!: boolean;

  // Internal: bumped by every debug file upload, so an event processed meanwhile is retried instead of held.
  @Column({ type: 'integer', default: 0 })
  processingRevision!: number;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
