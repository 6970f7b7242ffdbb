import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Project } from '../projects/project.entity.js';

export type SessionStatus = 'ok' | 'exited' | 'crashed' | 'abnormal' | 'errored';

/** One SDK session (release health), upserted by `sid` as updates arrive. */
@Entity('release_session')
@Index(['projectId', 'release'])
export class ReleaseSession {
  @PrimaryColumn()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;

  @PrimaryColumn({ type: 'text' })
  sid!: string;

  @Column({ type: 'text' })
  release!: string;

  @Column({ type: 'text' })
  environment!: string;

  @Column({ type: 'text' })
  status!: SessionStatus;

  @Column({ type: 'integer', default: 0 })
  errors!: number;

  @Column({ type: 'text', nullable: true })
  distinctId!: string | null;

  @Column({ type: 'timestamptz' })
  started!: Date;

  @Column({ type: 'timestamptz' })
  lastUpdate!: Date;

  @Column({ type: 'double precision', nullable: true })
  duration!: number | null;
}
