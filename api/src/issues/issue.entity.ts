import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Project } from '../projects/project.entity.js';

/** pending_deletion: hidden everywhere while the issues.delete job removes its events. */
export type IssueStatus = 'unresolved' | 'resolved' | 'ignored' | 'pending_deletion';
/** How a resolved issue was resolved, which decides what counts as a regression. */
export type Resolution = 'now' | 'in_next_release' | 'in_release';
export type IssueSubstatus = 'new' | 'ongoing' | 'regressed' | 'escalating' | null;

/** A group of events with the same grouping hash: what people triage. */
@Entity('issue')
@Index(['projectId', 'shortIdNumber'], { unique: true })
// Issue lists read their page off these in order (the id breaks ties, as the keyset cursor does).
@Index(['projectId', 'status', 'lastSeen', 'id'])
@Index(['projectId', 'lastSeen', 'id'])
export class Issue {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;

  /** The number in the short ID (`WEB-<base32 of this>`). */
  @Column()
  shortIdNumber!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  culprit!: string;

  @Column({ type: 'text' })
  level!: string;

  @Column({ type: 'text' })
  platform!: string;

  /** exception type/value, filename, function: what issue lists show under the title. */
  @Column({ type: 'jsonb', default: {} })
  metadata!: Record<string, string | undefined>;

  @Column({ type: 'text', default: 'unresolved' })
  status!: IssueStatus;

  @Column({ type: 'text', nullable: true })
  substatus!: IssueSubstatus;

  @Column({ type: 'text', nullable: true })
  resolution!: Resolution | null;

  /** For `in_next_release`: the release current at resolution; for `in_release`: the fixing release. */
  @Column({ type: 'integer', nullable: true })
  resolvedInReleaseId!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** Ignored until this time (ignore for a duration). */
  @Column({ type: 'timestamptz', nullable: true })
  ignoreUntil!: Date | null;

  /** Ignored until `timesSeen` reaches this (ignore until N more events). */
  @Column({ type: 'integer', nullable: true })
  ignoreUntilTimesSeen!: number | null;

  @Column({ type: 'timestamptz' })
  firstSeen!: Date;

  @Column({ type: 'timestamptz' })
  lastSeen!: Date;

  @Column({ type: 'integer', default: 0 })
  timesSeen!: number;

  @Column({ type: 'integer', default: 0 })
  userCount!: number;

  @Column({ type: 'integer', nullable: true })
  firstReleaseId!: number | null;

  @Column({ type: 'integer', nullable: true })
  lastReleaseId!: number | null;

  @Column({ type: 'integer', nullable: true })
  assigneeUserId!: number | null;

  @Column({ type: 'integer', nullable: true })
  assigneeTeamId!: number | null;

  /** Set while the issue is shared publicly: the unguessable part of its share URL. */
  @Index({ unique: true, where: 'share_id IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  shareId!: string | null;
}
