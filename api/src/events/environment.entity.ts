import { Column, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Project } from '../projects/project.entity.js';

/** An environment a project's events came from: written once at ingest, so listing them never scans events. */
@Entity('project_environment')
export class ProjectEnvironment {
  @PrimaryColumn()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;

  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'timestamptz' })
  firstSeen!: Date;
}
