import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';

/**
 * An uploaded chunk an organization may use. The bytes live once in the blob store under their
 * SHA-1 (`chunks/<sha1>`); this row is the organization's claim on them, so nobody assembles a
 * file from chunks they only know the checksum of.
 */
@Entity('file_chunk')
export class FileChunk {
  @PrimaryColumn()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  /** SHA-1 of the uncompressed chunk, 40 lower-case hex digits. */
  @PrimaryColumn({ type: 'char', length: 40 })
  checksum!: string;

  @Column({ type: 'integer' })
  size!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
