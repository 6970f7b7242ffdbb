import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Issue } from './issue.entity.js';

/** Maps a grouping hash to its issue; several hashes may point at one issue (merges, config changes). */
@Entity('group_hash')
@Index(['issueId'])
export class GroupHash {
  @PrimaryColumn()
  projectId!: number;

  @PrimaryColumn({ type: 'text' })
  hash!: string;

  @Column()
  issueId!: number;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  issue?: Relation<Issue>;

  @Column({ type: 'text' })
  groupingConfig!: string;
}
