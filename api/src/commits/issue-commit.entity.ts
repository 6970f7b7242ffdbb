import { CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Issue } from '../issues/issue.entity.js';
import { Commit } from './commit.entity.js';

/** A commit whose message says it fixes an issue ("Fixes WEB-12"). */
@Entity('issue_commit')
@Index(['commitId'])
export class IssueCommit {
  @PrimaryColumn()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @PrimaryColumn()
  commitId!: number;

  @ManyToOne(() => Commit, { onDelete: 'CASCADE' })
  commit?: Relation<Commit>;

  @CreateDateColumn({ type: 'timestamptz' })
  dateAdded!: Date;
}
