import { Column, Entity, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';

/**
 * An organization's own GitHub token, which reads its repositories' commit ranges. Stored sealed
 * (AES-256-GCM, see credential-cipher.ts); never exposed through GraphQL or logs.
 */
@Entity('github_credential')
export class GithubCredential {
  @PrimaryColumn()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @Column({ type: 'text' })
  tokenSealed!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  dateUpdated!: Date;
}
