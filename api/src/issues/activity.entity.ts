import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Issue } from './issue.entity.js';

export type ActivityType =
  | 'first_seen'
  /** A comment; data: { text } (markdown, as written). */
  | 'note'
  | 'set_resolved'
  | 'set_resolved_in_next_release'
  | 'set_resolved_in_release'
  /** A commit says it fixes the issue ("Fixes WEB-12"); data: { commit: sha, repository }. */
  | 'set_resolved_in_commit'
  | 'set_unresolved'
  | 'set_ignored'
  | 'set_regression'
  | 'assigned'
  | 'unassigned'
  | 'bookmarked'
  | 'unbookmarked'
  /** Shared publicly (a share link was made) / no longer shared (the link stops working). */
  | 'set_public'
  | 'set_private'
  | 'deleted'
  /** Other issues were merged into this one; data: { issues: [{ id, shortId }] }. */
  | 'merge'
  /** Hashes were split off into a new issue (or, on the new issue, from its source); data: { hashes, destination | source }. */
  | 'unmerge';

/** The issue's history: who changed what, and what the system did (regressions, first seen). */
@Entity('activity')
@Index(['issueId', 'dateCreated'])
export class Activity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @Column({ type: 'text' })
  type!: ActivityType;

  /** Who did it; null when Vigil did (a regression, an ignore that expired). */
  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
