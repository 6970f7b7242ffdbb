import DataLoader from 'dataloader';
import { byIdLoader, groupByIds, type LoaderFactory } from '../graphql/request-loaders.js';
import { Membership } from '../organizations/membership.entity.js';
import { TeamMember } from './team-member.entity.js';
import { Team } from './team.entity.js';

export const teamById = byIdLoader(Team);

/** The teams of each membership, by slug. */
export const teamsByMembership: LoaderFactory<number, Team[]> = (db) =>
  new DataLoader(async (ids) => {
    const rows = await db
      .getRepository(TeamMember)
      .createQueryBuilder('tm')
      .innerJoinAndMapOne('tm.team', Team, 't', 't.id = tm.team_id')
      .where('tm.membership_id IN (:...ids)', { ids })
      .orderBy('t.slug')
      .getMany();
    return groupByIds(rows, (r) => r.membershipId, ids).map((group) => group.map((r) => r.team!));
  });

/** The memberships of each team, oldest first. */
export const membersByTeam: LoaderFactory<number, Membership[]> = (db) =>
  new DataLoader(async (ids) => {
    const rows = await db
      .getRepository(TeamMember)
      .createQueryBuilder('tm')
      .innerJoinAndMapOne('tm.membership', Membership, 'm', 'm.id = tm.membership_id')
      .where('tm.team_id IN (:...ids)', { ids })
      .orderBy('m.id')
      .getMany();
    return groupByIds(rows, (r) => r.teamId, ids).map((group) => group.map((r) => r.membership!));
  });
