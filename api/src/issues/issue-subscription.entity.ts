import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';
import { Issue } from './issue.entity.js';
import { SubscriptionReason } from './subscription-reason.js';

/** Someone watching an issue (they commented, were assigned, or subscribed); `isActive` false = opted out. */
@Entity('issue_subscription')
@Index(['userId'])
export class IssueSubscription {
  @PrimaryColumn()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @PrimaryColumn()
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @Column({ default: true })
  isActive!: boolean;

  /** Why they watch it; kept when they opt out, so the row says what they left. */
  @Column({ type: 'enum', enum: SubscriptionReason, enumName: 'subscription_reason' })
  reason!: SubscriptionReason;
}
