import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';

/**
 * One message the local outbox holds, with the organization it was written for: the outbox
 * directory is shared by all organizations, so this row is what decides who may list it.
 */
@Entity('outbox_mail')
@Index(['organizationId', 'id'])
export class OutboxMailRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  /** The `.eml` file name in the outbox directory. */
  @Column({ type: 'text', unique: true })
  fileName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
