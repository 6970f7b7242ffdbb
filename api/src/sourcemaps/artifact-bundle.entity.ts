import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';

export type ArtifactBundleState = 'created' | 'assembling' | 'ok' | 'error';

/** An artifact bundle uploaded by `sentry-cli sourcemaps upload`, by the SHA-1 of the bundle file. */
@Entity('artifact_bundle')
@Index(['organizationId', 'checksum'], { unique: true })
export class ArtifactBundle {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @Column({ type: 'char', length: 40 })
  checksum!: string;

  /** The chunks to assemble it from, in order. */
  @Column({ type: 'text', array: true })
  chunks!: string[];

  /** Projects the upload named; its files serve only their events. */
  @Column({ type: 'integer', array: true })
  projectIds!: number[];

  /** Release and dist from the upload (or the bundle's manifest); null when uploaded without `--release`. */
  @Column({ type: 'text', nullable: true })
  release!: string | null;

  @Column({ type: 'text', default: '' })
  dist!: string;

  /** The manifest's `debug_id`: the bundle's own id. */
  @Column({ type: 'uuid', nullable: true })
  bundleId!: string | null;

  @Column({ type: 'text' })
  state!: ArtifactBundleState;

  /** Why assembling failed (shown by sentry-cli). */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ type: 'integer', default: 0 })
  fileCount!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
