import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Commit } from './commit.entity.js';
import { Release } from '../releases/release.entity.js';

/** The commits that went into a release; `order` 0 is the newest (the release's head). */
@Entity('release_commit')
@Index(['commitId'])
export class ReleaseCommit {
  @PrimaryColumn()
  releaseId!: number;

  @ManyToOne(() => Release, { onDelete: 'CASCADE' })
  release?: Relation<Release>;

  @PrimaryColumn()
  commitId!: number;

  @ManyToOne(() => Commit, { onDelete: 'CASCADE' })
  commit?: Relation<Commit>;

  @Column({ type: 'integer' })
  order!: number;
}
