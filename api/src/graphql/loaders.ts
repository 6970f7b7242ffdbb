import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type FindOptionsWhere } from 'typeorm';
import type { EventAttachment } from '../events/event-attachment.entity.js';
import type { EventRow } from '../events/event.entity.js';
import { attachmentsOf, latestEvents, type EventKey } from '../events/event.service.js';
import { Issue } from '../issues/issue.entity.js';
import { frequencies, type FrequencyPeriod } from '../issues/issue.service.js';
import { Membership } from '../organizations/membership.entity.js';
import { ProjectKey } from '../projects/project-key.entity.js';
import { Project } from '../projects/project.entity.js';
import { Release } from '../releases/release.entity.js';
import { TeamMember } from '../teams/team-member.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

/** Batches the lookups that list fields make per row, so a page costs a fixed number of queries. */
export interface Loaders {
  userById: DataLoader<number, User | undefined>;
  keysByProject: DataLoader<number, ProjectKey[]>;
  teamsByMembership: DataLoader<number, Team[]>;
  membersByTeam: DataLoader<number, Membership[]>;
  projectById: DataLoader<number, Project | undefined>;
  teamById: DataLoader<number, Team | undefined>;
  releaseById: DataLoader<number, Release | undefined>;
  releaseByVersion: DataLoader<{ organizationId: number; version: string }, Release | undefined, string>;
  issueById: DataLoader<number, Issue | undefined>;
  /** Per-person issue state (the viewer's, in practice): bookmarked, subscribed. */
  isBookmarked: DataLoader<{ issueId: number; userId: number }, boolean, string>;
  isSubscribed: DataLoader<{ issueId: number; userId: number }, boolean, string>;
  latestEventByIssue: DataLoader<number, EventRow | undefined>;
  attachmentsByEvent: DataLoader<EventKey, EventAttachment[], string>;
  frequencyByIssue: DataLoader<{ issueId: number; period: FrequencyPeriod }, { time: Date; count: number }[], string>;
}

/** Loads rows of `entity` by id, in the order of `ids` (undefined where missing). */
function byIdLoader<T extends { id: number }>(db: DataSource, entity: EntityTarget<T>): DataLoader<number, T | undefined> {
  return new DataLoader(async (ids) => {
    const rows = await db.getRepository(entity).findBy({ id: In([...ids]) } as FindOptionsWhere<T>);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  });
}

/** Which of the (issue, user) pairs have a row in `table` (matching `extra`). */
function pairLoader(db: DataSource, table: 'issue_bookmark' | 'issue_subscription', extra = ''): DataLoader<{ issueId: number; userId: number }, boolean, string> {
  return new DataLoader(
    async (keys) => {
      const rows: { issue_id: number; user_id: number }[] = await db.query(
        `SELECT issue_id, user_id FROM ${table} WHERE (issue_id, user_id) IN (SELECT * FROM unnest($1::int[], $2::int[]))${extra}`,
        [keys.map((k) => k.issueId), keys.map((k) => k.userId)],
      );
      const found = new Set(rows.map((row) => `${row.issue_id}:${row.user_id}`));
      return keys.map((k) => found.has(`${k.issueId}:${k.userId}`));
    },
    { cacheKeyFn: (k) => `${k.issueId}:${k.userId}` },
  );
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
    projectById: byIdLoader(db, Project),
    teamById: byIdLoader(db, Team),
    releaseById: byIdLoader(db, Release),
    releaseByVersion: new DataLoader(
      async (keys) => {
        const rows = await db.getRepository(Release).findBy(keys.map((k) => ({ organizationId: k.organizationId, version: k.version })));
        const found = new Map(rows.map((r) => [`${r.organizationId}:${r.version}`, r]));
        return keys.map((k) => found.get(`${k.organizationId}:${k.version}`));
      },
      { cacheKeyFn: (k) => `${k.organizationId}:${k.version}` },
    ),
    issueById: byIdLoader(db, Issue),
    isBookmarked: pairLoader(db, 'issue_bookmark'),
    isSubscribed: pairLoader(db, 'issue_subscription', ' AND is_active'),
    latestEventByIssue: new DataLoader((ids) => latestEvents(db, ids)),
    attachmentsByEvent: new DataLoader((keys) => attachmentsOf(db, keys), { cacheKeyFn: (k) => `${k.projectId}:${k.eventId}` }),
    frequencyByIssue: new DataLoader((keys) => frequencies(db, keys), { cacheKeyFn: (k) => `${k.issueId}:${k.period}` }),
  };
}
