import { Column, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Issue } from './issue.entity.js';

/** How often each tag value was seen on an issue: tag distributions and `key:value` search. */
@Entity('issue_tag_value')
export class IssueTagValue {
  @PrimaryColumn()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @PrimaryColumn({ type: 'text' })
  value!: string;

  @Column({ type: 'integer' })
  timesSeen!: number;

  @Column({ type: 'timestamptz' })
  firstSeen!: Date;

  @Column({ type: 'timestamptz' })
  lastSeen!: Date;
}
