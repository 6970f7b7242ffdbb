import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Repository } from '../repositories/repository.entity.js';

/** A commit seen through sentry-cli, a push webhook or the GitHub API. */
@Entity('commit')
@Index(['repositoryId', 'key'], { unique: true })
@Index(['organizationId', 'authorEmail'])
export class Commit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @Column()
  repositoryId!: number;

  @ManyToOne(() => Repository, { onDelete: 'CASCADE' })
  repository?: Relation<Repository>;

  /** The SHA. */
  @Column({ type: 'text' })
  key!: string;

  /** The first parent, when known (push webhooks give a linear chain): lets refs ranges resolve locally. */
  @Column({ type: 'text', nullable: true })
  parentKey!: string | null;

  @Column({ type: 'text', default: '' })
  message!: string;

  @Column({ type: 'text', nullable: true })
  authorName!: string | null;

  /** Lower-cased; members are matched to commits by this. */
  @Column({ type: 'text', nullable: true })
  authorEmail!: string | null;

  @Column({ type: 'timestamptz' })
  dateAdded!: Date;
}
