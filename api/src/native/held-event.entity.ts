import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from '../projects/project.entity.js';

/**
 * An event waiting for mandatory debug files (Sentry's RawEvent): out of the stream, no alerts, its
 * original payload kept as it arrived so it goes through the whole pipeline again once they exist.
 */
@Entity('held_event')
@Index(['projectId', 'eventId'], { unique: true })
@Index(['projectId', 'receivedAt'])
export class HeldEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Project;

  @Column({ type: 'char', length: 32 })
  eventId!: string;

  /** The event item's JSON as the SDK sent it (bytes: it may hold what jsonb refuses). */
  @Column({ type: 'bytea' })
  payload!: Buffer;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text', nullable: true })
  clientIp!: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;

  /** The debug ids it waits for; it is released when all of them were uploaded. */
  @Column({ type: 'text', array: true })
  missingDebugIds!: string[];

  /** The project's processing revision when it was held (uploads bump it). */
  @Column({ type: 'integer' })
  revision!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
