import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Project } from '../projects/project.entity.js';

/** Where an assembly stands (wire-protocol §2.9); `not_found` is never stored: it is "chunks missing". */
export type DifAssemblyState = 'created' | 'assembling' | 'ok' | 'error';

/**
 * One `difs/assemble/` request for a file (by its whole-file SHA-1): recorded when all its chunks
 * are there, converted by the `debug-file.assemble` job, polled by sentry-cli until `ok` or `error`.
 */
@Entity('dif_assembly')
@Index(['projectId', 'checksum'], { unique: true })
export class DifAssembly {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Project;

  @Column({ type: 'char', length: 40 })
  checksum!: string;

  /** The file name sentry-cli gave (archives are recognized by it). */
  @Column({ type: 'text' })
  name!: string;

  /** The debug id sentry-cli named, to report that object of a multi-object file. */
  @Column({ type: 'text', nullable: true })
  debugId!: string | null;

  /** The chunks to assemble it from, in order. */
  @Column({ type: 'text', array: true })
  chunks!: string[];

  @Column({ type: 'text' })
  state!: DifAssemblyState;

  /** Why it failed (sentry-cli prints it). */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  dateUpdated!: Date;
}
