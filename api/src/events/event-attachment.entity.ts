import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Project } from '../projects/project.entity.js';

/** A file sent with an event (log, minidump, screenshot): stored as sent, downloadable. */
@Entity('event_attachment')
@Index(['projectId', 'eventId'])
export class EventAttachment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;

  @Column({ type: 'char', length: 32 })
  eventId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  contentType!: string;

  /** Sentry's attachment_type, e.g. event.attachment or event.minidump. */
  @Column({ type: 'text', default: 'event.attachment' })
  attachmentType!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'bytea' })
  data!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
