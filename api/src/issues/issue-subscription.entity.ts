import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';
import { Issue } from './issue.entity.js';

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

  /** Why: "subscribed", "assigned", "commented", "mentioned", "committed". */
  @Column({ type: 'text' })
  reason!: string;
}
