import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Envelopes that failed processing repeatedly: kept for inspection and replay, never silently lost. */
@Entity('ingest_failed')
@Index(['projectId'])
export class IngestFailedRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column()
  projectId!: number;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text', nullable: true })
  clientIp!: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'bytea' })
  envelope!: Buffer;

  @Column({ type: 'text' })
  error!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
