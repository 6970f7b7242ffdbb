import { CreateDateColumn, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Activity } from '../issues/activity.entity.js';
import { User } from '../users/user.entity.js';

/** One email per recipient per activity: the row is claimed before sending, so a retried job skips who got it. */
@Entity('notification_delivery')
export class NotificationDelivery {
  @PrimaryColumn()
  activityId!: number;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  activity?: Relation<Activity>;

  @PrimaryColumn()
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  dateSent!: Date;
}
