import { Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Project } from '../projects/project.entity.js';
import { Release } from './release.entity.js';

/** Which projects a release belongs to. */
@Entity('release_project')
@Index(['projectId'])
export class ReleaseProject {
  @PrimaryColumn()
  releaseId!: number;

  @ManyToOne(() => Release, { onDelete: 'CASCADE' })
  release?: Relation<Release>;

  @PrimaryColumn()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;
}
