import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberRole } from '../auth/scopes.js';
import { Organization } from '../organizations/organization.entity.js';
import { User } from '../users/user.entity.js';

/**
 * A pending invitation: membership only begins when the invited person accepts. The emailed link
 * is an HMAC over the row's id and `nonce`, so a resend (new nonce) or a revoke (row gone) kills
 * every older link, and no usable token is stored.
 */
@Entity('organization_invite')
@Index(['organizationId', 'email'], { unique: true })
export class OrganizationInvite {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  /** Normalized (lower case): the account that accepts must have this address. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  role!: MemberRole;

  @Column({ type: 'text' })
  nonce!: string;

  /** The nonce whose link was last emailed: a retried job does not send the same link twice. */
  @Column({ type: 'text', nullable: true })
  emailedNonce!: string | null;

  @Column({ type: 'integer', nullable: true })
  invitedByUserId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  invitedByUser?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
