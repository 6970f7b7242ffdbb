import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Issue } from '../issues/issue.entity.js';
import { AlertRule } from './alert-rule.entity.js';

/** When a rule last fired for an issue: the row an evaluation claims, so one issue alerts once per interval. */
@Entity('alert_rule_issue')
@Index(['issueId'])
export class AlertRuleIssue {
  @PrimaryColumn()
  ruleId!: number;

  @ManyToOne(() => AlertRule, { onDelete: 'CASCADE' })
  rule?: Relation<AlertRule>;

  @PrimaryColumn()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @Column({ type: 'timestamptz' })
  lastFiredAt!: Date;
}
