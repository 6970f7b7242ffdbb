import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';

/** Which Vigil organization a Slack workspace (`team_id`) acts on: one workspace per organization and vice versa. */
@Entity('slack_workspace')
export class SlackWorkspace {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text', unique: true })
  teamId!: string;

  @Column({ unique: true })
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  /** `admin`: set in the dashboard; `single-organization`: mapped on first use because only one organization exists. */
  @Column({ type: 'text' })
  linkedBy!: 'admin' | 'single-organization';

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
