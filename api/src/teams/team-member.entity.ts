import { Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Membership } from '../organizations/membership.entity.js';
import { Team } from './team.entity.js';

/** Which organization members belong to which team. */
@Entity('team_member')
@Index(['membershipId'])
export class TeamMember {
  @PrimaryColumn()
  teamId!: number;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  team?: Relation<Team>;

  @PrimaryColumn()
  membershipId!: number;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  membership?: Relation<Membership>;
}
