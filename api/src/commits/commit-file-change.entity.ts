import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Commit } from './commit.entity.js';

export type FileChangeType = 'A' | 'M' | 'D';

/** A file a commit added, modified or deleted (git name-status). */
@Entity('commit_file_change')
@Index(['commitId', 'filename'], { unique: true })
@Index(['organizationId', 'filename'])
export class CommitFileChange {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @Column()
  commitId!: number;

  @ManyToOne(() => Commit, { onDelete: 'CASCADE' })
  commit?: Relation<Commit>;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ type: 'char', length: 1 })
  type!: FileChangeType;
}
