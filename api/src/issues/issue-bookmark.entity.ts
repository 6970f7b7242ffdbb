import { Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';
import { Issue } from './issue.entity.js';

@Entity('issue_bookmark')
@Index(['userId'])
export class IssueBookmark {
  @PrimaryColumn()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @PrimaryColumn()
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;
}
