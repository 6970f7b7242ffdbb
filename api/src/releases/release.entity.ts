import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';

/** A version of the organization's code, e.g. `web@1.2.3+build.7`; created on first sight in an event. */
@Entity('release')
@Index(['organizationId', 'version'], { unique: true })
export class Release {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @Column({ type: 'text' })
  version!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dateReleased!: Date | null;

  @Column({ type: 'text', default: 'open' })
  status!: 'open' | 'archived';

  /** The release's own ref and URL as sent by sentry-cli. */
  @Column({ type: 'text', nullable: true })
  ref!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  /** The last `refs` sent ({repository, commit, previousCommit}), kept so they can be resolved again. */
  @Column({ type: 'jsonb', nullable: true })
  refs!: { repository: string; commit: string; previousCommit: string | null }[] | null;
}
