import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Membership } from '../organizations/membership.entity.js';
import { ProjectKey } from '../projects/project-key.entity.js';
import { TeamMember } from '../teams/team-member.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

/** Batches the lookups that list fields make per row, so a page costs a fixed number of queries. */
export interface Loaders {
  userById: DataLoader<number, User | undefined>;
  keysByProject: DataLoader<number, ProjectKey[]>;
  teamsByMembership: DataLoader<number, Team[]>;
  membersByTeam: DataLoader<number, Membership[]>;
}

function groupBy<T>(rows: T[], key: (row: T) => number, ids: readonly number[]): T[][] {
  const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(key(row))?.push(row);
  return ids.map((id) => groups.get(id) ?? []);
}

export function createLoaders(db: DataSource): Loaders {
  return {
    userById: new DataLoader(async (ids) => {
      const users = await db.getRepository(User).findBy({ id: In([...ids]) });
      const byId = new Map(users.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id));
    }),
    keysByProject: new DataLoader(async (ids) => {
      const keys = await db.getRepository(ProjectKey).find({ where: { projectId: In([...ids]) }, order: { id: 'ASC' } });
      return groupBy(keys, (k) => k.projectId, ids);
    }),
    teamsByMembership: new DataLoader(async (ids) => {
      const rows = await db
        .getRepository(TeamMember)
        .createQueryBuilder('tm')
        .innerJoinAndMapOne('tm.team', Team, 't', 't.id = tm.team_id')
        .where('tm.membership_id IN (:...ids)', { ids })
        .orderBy('t.slug')
        .getMany();
      return groupBy(rows, (r) => r.membershipId, ids).map((group) => group.map((r) => r.team!));
    }),
    membersByTeam: new DataLoader(async (ids) => {
      const rows = await db
        .getRepository(TeamMember)
        .createQueryBuilder('tm')
        .innerJoinAndMapOne('tm.membership', Membership, 'm', 'm.id = tm.membership_id')
        .where('tm.team_id IN (:...ids)', { ids })
        .orderBy('m.id')
        .getMany();
      return groupBy(rows, (r) => r.teamId, ids).map((group) => group.map((r) => r.membership!));
    }),
  };
}
