import { Column, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Project } from '../projects/project.entity.js';

/** Request-mode session counts (`sessions` items), summed per project, release, environment and minute. */
@Entity('session_aggregate')
export class SessionAggregate {
  @PrimaryColumn()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;

  @PrimaryColumn({ type: 'text' })
  release!: string;

  @PrimaryColumn({ type: 'text' })
  environment!: string;

  @PrimaryColumn({ type: 'timestamptz' })
  started!: Date;

  @Column({ type: 'integer', default: 0 })
  exited!: number;

  @Column({ type: 'integer', default: 0 })
  errored!: number;

  @Column({ type: 'integer', default: 0 })
  crashed!: number;

  @Column({ type: 'integer', default: 0 })
  abnormal!: number;
}
