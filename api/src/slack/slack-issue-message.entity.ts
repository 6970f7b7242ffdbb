import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Issue } from '../issues/issue.entity.js';

/** An alert message posted for an issue, so later changes made in Vigil update it (`chat.update`). */
@Entity('slack_issue_message')
@Index(['channel', 'ts'], { unique: true })
@Index(['issueId'])
export class SlackIssueMessage {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'text' })
  ts!: string;

  /** The alert rule that posted it, shown in the message's footer. */
  @Column({ type: 'text', nullable: true })
  ruleName!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
