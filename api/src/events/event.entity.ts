import { Column, Entity, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One stored error event. The table is range-partitioned by `received_at` (one partition per
 * week, see event-partitions.ts), which TypeORM cannot express: the migration that partitions it
 * is hand-written SQL, and the primary key holds the partition key, as PostgreSQL requires. For
 * the same reason (project_id, event_id) cannot be a unique index; event-store.ts keeps resends
 * out under a transaction lock on each key instead.
 */
@Entity('event')
@Index(['projectId', 'eventId'])
@Index(['issueId', 'timestamp', 'id'])
// Empty once every event stored before `tags`/`message` existed is backfilled (new events never match).
@Index('event_search_backfill', ['id'], { where: `message = ''` })
export class EventRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column()
  projectId!: number;

  @Column()
  issueId!: number;

  // The issue's table is named, not imported: issues/ builds on events/, not the other way round.
  @ManyToOne('Issue', { onDelete: 'CASCADE' })
  issue?: unknown;

  /** 32 lower-case hex characters. */
  @Column({ type: 'char', length: 32 })
  eventId!: string;

  @Column({ type: 'timestamptz' })
  timestamp!: Date;

  /** The partition key: when the edge accepted the event (the server's clock, never the SDK's). */
  @PrimaryColumn({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text', nullable: true })
  release!: string | null;

  @Column({ type: 'text' })
  environment!: string;

  /** Grouping hashes and the grouping config they were computed with, so events can be regrouped. */
  @Column({ type: 'text', array: true })
  hashes!: string[];

  @Column({ type: 'text' })
  groupingConfig!: string;

  /** Tag pairs and user fields, [[key, value], …]: what an issue's Events tab searches and its Tags tab counts per environment. */
  @Column({ type: 'jsonb', default: [] })
  tags!: [string, string][];

  /** Title and message, for `message:` and free-text search over an issue's events. */
  @Column({ type: 'text', default: '' })
  message!: string;

  /** The normalized event document, compressed; read it with `eventPayload` (event-payload.ts). */
  @Column({ type: 'bytea' })
  payload!: Buffer;
}
