import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Issue } from '../issues/issue.entity.js';
import type { AlertAction } from './alert-rule.model.js';
import { AlertRule } from './alert-rule.entity.js';

export type ActionOutcome = 'sent' | 'skipped' | 'failed';

export interface ActionResult {
  type: AlertAction['type'];
  status: ActionOutcome;
  /** Who got it, or why not. */
  detail: string;
}

/** One time a rule fired for an issue: the alert history, with what each action did. */
@Entity('alert_fire')
@Index(['ruleId', 'firedAt', 'id'])
@Index(['issueId'])
export class AlertFire {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  ruleId!: number;

  @ManyToOne(() => AlertRule, { onDelete: 'CASCADE' })
  rule?: Relation<AlertRule>;

  @Column()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  /** The event row that fired it (no foreign key: events may be deleted with retention, the history stays). */
  @Column({ type: 'bigint', nullable: true })
  eventRowId!: string | null;

  @Column({ type: 'timestamptz' })
  firedAt!: Date;

  /** The rule's actions as they were when it fired. */
  @Column({ type: 'jsonb' })
  actions!: AlertAction[];

  /** Per action (same index as `actions`), once it ran. */
  @Column({ type: 'jsonb', default: [] })
  results!: (ActionResult | null)[];
}
