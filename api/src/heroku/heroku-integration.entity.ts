import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Project } from '../projects/project.entity.js';

/** A project's Heroku deploy hook: which repository the app deploys and as which environment. */
@Entity('heroku_integration')
export class HerokuIntegration {
  @PrimaryColumn()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;

  @Column()
  repositoryId!: number;

  @Column({ type: 'text', default: 'production' })
  environment!: string;

  /** Verifies `Heroku-Webhook-Hmac-SHA256` and authenticates the legacy deploy hook URL. */
  @Column({ type: 'text' })
  webhookSecret!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
