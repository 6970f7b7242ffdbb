import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';

/**
 * A source repository of an organization: `owner/repo` for GitHub, or a git remote name such as
 * `origin` for commits sent by `sentry-cli releases set-commits --local`. Storage only: GraphQL
 * exposes RepositoryType, never the webhook secret.
 */
@Entity('repository')
@Index(['organizationId', 'name'], { unique: true })
export class Repository {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @Column({ type: 'text' })
  name!: string;

  /** Sentry's provider ids: `integrations:github` for connected GitHub repositories, `git` for remotes. */
  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  /** Verifies GitHub's `X-Hub-Signature-256`; shown once when the repository is connected. */
  @Column({ type: 'text', nullable: true })
  webhookSecret!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: 'active' | 'disabled';

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
