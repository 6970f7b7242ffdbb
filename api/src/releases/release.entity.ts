import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';

/** A version of the organization's code, e.g. `web@1.2.3+build.7`; created on first sight in an event. */
@Entity('release')
@Index(['organizationId', 'version'], { unique: true })
export class Release {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @Column({ type: 'text' })
  version!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dateReleased!: Date | null;
}
