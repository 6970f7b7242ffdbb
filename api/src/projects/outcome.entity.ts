import { Column, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Project } from './project.entity.js';

export type OutcomeKind = 'accepted' | 'filtered' | 'rate_limited' | 'invalid' | 'client_discard';

/** What happened to what was sent, counted per project, hour, outcome, reason and data category. */
@Entity('outcome')
export class Outcome {
  @PrimaryColumn()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;

  @PrimaryColumn({ type: 'timestamptz' })
  hour!: Date;

  @PrimaryColumn({ type: 'text' })
  outcome!: OutcomeKind;

  /** e.g. "legacy-browsers", "key_quota", "invalid_json", "ratelimit_backoff"; "" when none. */
  @PrimaryColumn({ type: 'text' })
  reason!: string;

  /** Sentry data category: error, attachment, session, transaction, span, … */
  @PrimaryColumn({ type: 'text' })
  category!: string;

  @Column({ type: 'bigint' })
  quantity!: string;
}
