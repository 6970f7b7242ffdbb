import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Scope } from '../auth/scopes.js';
import { User } from '../users/user.entity.js';

/** A personal API token (`Authorization: Bearer`). Only its SHA-256 is stored; GraphQL exposes `ApiTokenType`. */
@Entity('api_token')
@Index(['userId'])
export class ApiToken {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', unique: true })
  tokenHash!: string;

  /** The last four characters, so people can tell their tokens apart. */
  @Column({ type: 'text' })
  tokenLastCharacters!: string;

  @Column({ type: 'text', array: true })
  scopes!: Scope[];

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
