import { Column, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Issue } from './issue.entity.js';

/** Events per issue per hour: sparklines and frequency charts without scanning events. */
@Entity('issue_hourly_count')
export class IssueHourlyCount {
  @PrimaryColumn()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @PrimaryColumn({ type: 'timestamptz' })
  hour!: Date;

  @Column({ type: 'integer' })
  count!: number;
}
