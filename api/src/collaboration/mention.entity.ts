import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Activity } from '../issues/activity.entity.js';
import { Issue } from '../issues/issue.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

/** A member a comment reached: mentioned by `@name`/`@email`, or as a member of a mentioned `#team` (teamId set). */
@Entity('mention')
@Index(['activityId', 'userId'], { unique: true })
@Index(['userId', 'id'])
export class Mention {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  activityId!: number;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  activity?: Relation<Activity>;

  @Column()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @Column()
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  /** The team mentioned, when the member was reached through it; null when mentioned by name. */
  @Column({ type: 'integer', nullable: true })
  teamId!: number | null;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  team?: Relation<Team>;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
