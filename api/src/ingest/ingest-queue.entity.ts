import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Accepted envelopes waiting for processing. A row is written (already scrubbed and filtered)
 * before the SDK hears 200, and deleted in the same transaction that stores its events, so a
 * crash at any point neither loses nor duplicates anything.
 */
@Entity('ingest_queue')
export class IngestQueueRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column()
  projectId!: number;

  @Column({ type: 'integer', nullable: true })
  keyId!: number | null;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text', nullable: true })
  clientIp!: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;

  /** The envelope as re-serialized after scrubbing (items with explicit lengths). */
  @Column({ type: 'bytea' })
  envelope!: Buffer;

  /** Processing attempts started (counted before each one); past a few the row moves to ingest_failed. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** The consumer loop working on the row, so it can hand back what it claimed after losing its database. */
  @Column({ type: 'uuid', nullable: true })
  claimedBy!: string | null;

  /** Other consumers leave the row alone until then; a claim of a dead process runs out by itself. */
  @Column({ type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;
}
