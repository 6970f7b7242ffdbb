import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Project } from '../projects/project.entity.js';
import type { AlertAction, AlertCondition, AlertFilters, Match } from './alert-rule.model.js';

/** A project's issue alert rule (see alert-rule.model.ts). */
@Entity('alert_rule')
@Index(['projectId', 'id'])
export class AlertRule {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  conditions!: AlertCondition[];

  @Column({ type: 'text', default: 'ANY' })
  conditionMatch!: Match;

  @Column({ type: 'jsonb', default: {} })
  filters!: AlertFilters;

  @Column({ type: 'jsonb' })
  actions!: AlertAction[];

  /** The action interval: one issue alerts at most once per this many minutes. */
  @Column({ type: 'integer' })
  frequencyMinutes!: number;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'integer', nullable: true })
  createdByUserId!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
