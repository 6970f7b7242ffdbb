import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Release } from '../releases/release.entity.js';

/** A release going out to an environment. */
@Entity('deploy')
@Index(['releaseId', 'environment'])
export class Deploy {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @Column()
  releaseId!: number;

  @ManyToOne(() => Release, { onDelete: 'CASCADE' })
  release?: Relation<Release>;

  @Column({ type: 'text' })
  environment!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  dateStarted!: Date | null;

  @Column({ type: 'timestamptz' })
  dateFinished!: Date;

  /** Set when the deploy emails went out, so a retried job sends them once. */
  @Column({ type: 'timestamptz', nullable: true })
  notifiedAt!: Date | null;
}
