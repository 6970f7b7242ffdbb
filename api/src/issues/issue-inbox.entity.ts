import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Issue } from './issue.entity.js';

/** Why an issue is waiting for review (Sentry's GroupInboxReason, the ones Vigil produces). */
export type InboxReason = 'new' | 'regression' | 'unignored';

/**
 * Sentry's "For review" inbox: a row while the issue waits for someone to look at it. It counts
 * only for INBOX_DAYS after `dateAdded` (searches check the date, so no sweeper is needed).
 */
@Entity('issue_inbox')
@Index(['dateAdded'])
export class IssueInbox {
  @PrimaryColumn()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @Column({ type: 'text' })
  reason!: InboxReason;

  @Column({ type: 'timestamptz' })
  dateAdded!: Date;
}
