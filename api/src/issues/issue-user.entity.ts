import { Column, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Issue } from './issue.entity.js';

/** The distinct users an issue affected (by id, email, username or IP), for its user count. */
@Entity('issue_user')
export class IssueUser {
  @PrimaryColumn()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @PrimaryColumn({ type: 'text' })
  userKey!: string;

  @Column({ type: 'timestamptz' })
  firstSeen!: Date;
}
