import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

/** A Slack user of a workspace acting as a Vigil user (linked by verified email or by `/vigil link`), or unlinked on purpose. */
@Entity('slack_identity')
@Index(['teamId', 'slackUserId'], { unique: true })
@Index(['userId'])
export class SlackIdentity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text' })
  teamId!: string;

  @Column({ type: 'text' })
  slackUserId!: string;

  /** The Slack name when linked, for the account page. */
  @Column({ type: 'text', default: '' })
  slackName!: string;

  /** null after an unlink: the Slack user stays unlinked (no automatic re-link by email) until `/vigil link`. */
  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  linkedBy!: 'email' | 'link' | 'unlinked';

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
