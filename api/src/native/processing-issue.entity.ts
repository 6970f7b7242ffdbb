import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from '../projects/project.entity.js';

/**
 * A debug file events of the project are waiting for (Sentry's ProcessingIssue, keyed like
 * `native:dsym:<debug id>`): one row per (project, debug id), deleted when the file arrives.
 */
@Entity('processing_issue')
@Index(['projectId', 'debugId'], { unique: true })
export class ProcessingIssue {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Project;

  @Column({ type: 'text' })
  debugId!: string;

  /** `native_missing_dsym` or `native_bad_dsym`. */
  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  imagePath!: string;

  @Column({ type: 'text', nullable: true })
  arch!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  firstSeen!: Date;

  @Column({ type: 'timestamptz' })
  lastSeen!: Date;
}
