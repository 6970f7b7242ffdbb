import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { Release } from '../releases/release.entity.js';
import { ArtifactBundle } from './artifact-bundle.entity.js';

export type ArtifactFileType = 'minified_source' | 'source_map' | 'source' | 'indexed_ram_bundle';

/**
 * One file a processor can use: a file of an artifact bundle, or a legacy release file. Its bytes
 * are a blob under `artifacts/<sha1>`, shared by every row with the same content.
 */
@Entity('artifact_file')
@Index(['organizationId', 'debugId'])
@Index(['organizationId', 'release', 'dist', 'url'])
@Index(['releaseId', 'dist', 'url'])
@Index(['checksum'])
export class ArtifactFile {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  /** The bundle it came in; null for legacy release files. */
  @Column({ type: 'integer', nullable: true })
  bundleId!: number | null;

  @ManyToOne(() => ArtifactBundle, { onDelete: 'CASCADE' })
  bundle?: Relation<ArtifactBundle>;

  /**
   * The release row of a legacy release file. Deleting the release leaves the file orphaned
   * (null) for the cleanup job, which removes it and its blob when nothing else uses that blob.
   */
  @Column({ type: 'integer', nullable: true })
  releaseId!: number | null;

  @ManyToOne(() => Release, { onDelete: 'SET NULL' })
  releaseRow?: Relation<Release>;

  /** `bundle` or `release_file`. */
  @Column({ type: 'text' })
  source!: 'bundle' | 'release_file';

  /** Release version and dist it answers for (a bundle's may be null: debug ids only). */
  @Column({ type: 'text', nullable: true })
  release!: string | null;

  @Column({ type: 'text', default: '' })
  dist!: string;

  /** `~/static/app.min.js` (any scheme and host) or a full URL. */
  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', nullable: true })
  fileType!: ArtifactFileType | null;

  @Column({ type: 'uuid', nullable: true })
  debugId!: string | null;

  /** Header values as uploaded (`Sourcemap`, `debug-id`, `content-type`…), keys lower-cased. */
  @Column({ type: 'jsonb', default: {} })
  headers!: Record<string, string>;

  @Column({ type: 'char', length: 40 })
  checksum!: string;

  @Column({ type: 'integer' })
  size!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
