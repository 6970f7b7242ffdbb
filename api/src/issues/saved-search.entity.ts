import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { User } from '../users/user.entity.js';

/** owner: only its creator sees it; organization: every member does (made by admins and owners). */
export type SavedSearchVisibility = 'owner' | 'organization';

/** A named stream query, as Sentry's saved searches. */
@Entity('saved_search')
@Index(['organizationId', 'visibility'])
export class SavedSearch {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  /** Who made it; an organization-wide search stays when its creator leaves (null then). */
  @Column({ type: 'integer', nullable: true })
  ownerUserId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  ownerUser?: Relation<User>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  query!: string;

  @Column({ type: 'text' })
  visibility!: SavedSearchVisibility;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
