import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Project } from '../projects/project.entity.js';
import type { ServiceHookEvent } from './service-hook-events.js';

export type ServiceHookStatus = 'active' | 'disabled';

/** An outgoing webhook of a project (Sentry's service hook): where to POST which events, signed with its secret. */
@Entity('service_hook')
@Index(['projectId'])
export class ServiceHook {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The public id (Sentry's `guid`), as REST paths and `X-ServiceHook-GUID` show it. */
  @Index({ unique: true })
  @Column({ type: 'char', length: 32 })
  guid!: string;

  @Column()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Relation<Project>;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', array: true })
  events!: ServiceHookEvent[];

  @Column({ type: 'text', default: 'active' })
  status!: ServiceHookStatus;

  /** The signing secret, sealed with the stored-credential key (`credential-cipher.ts`). */
  @Column({ type: 'text' })
  secretSealed!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
