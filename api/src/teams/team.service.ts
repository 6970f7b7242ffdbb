import type { DataSource } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { conflict, isUniqueViolation, notFound } from '../errors.js';
import type { Membership } from '../organizations/membership.entity.js';
import { assertName, assertSlug, slugify, type Patch } from '../validation.js';
import { TeamMember } from './team-member.entity.js';
import { Team } from './team.entity.js';

export interface TeamInput {
  name: string;
  slug?: string | null | undefined;
}

async function saveTeam(db: DataSource, team: Team): Promise<Team> {
  try {
    return await db.getRepository(Team).save(team);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A team with slug "${team.slug}" already exists`, 'slug');
    throw error;
  }
}

export async function createTeam(db: DataSource, access: OrgAccess, input: TeamInput): Promise<Team> {
  const name = assertName(input.name);
  const slug = assertSlug(input.slug ?? slugify(name));
  return saveTeam(db, db.getRepository(Team).create({ organizationId: access.organization.id, slug, name }));
}

export async function findTeam(db: DataSource, access: OrgAccess, slug: string): Promise<Team> {
  const team = await db.getRepository(Team).findOneBy({ organizationId: access.organization.id, slug });
  if (!team) throw notFound('Team');
  return team;
}

export async function updateTeam(db: DataSource, team: Team, input: Patch<TeamInput>): Promise<Team> {
  const updated = { ...team };
  if (input.name != null) updated.name = assertName(input.name);
  if (input.slug != null) updated.slug = assertSlug(input.slug);
  return saveTeam(db, db.getRepository(Team).create(updated));
}

export async function deleteTeam(db: DataSource, team: Team): Promise<void> {
  await db.getRepository(Team).delete(team.id);
}

/** Idempotent: adding someone who is already on the team changes nothing. */
export async function addTeamMember(db: DataSource, team: Team, member: Membership): Promise<void> {
  await db.getRepository(TeamMember).createQueryBuilder().insert().values({ teamId: team.id, membershipId: member.id }).orIgnore().execute();
}

export async function removeTeamMember(db: DataSource, team: Team, member: Membership): Promise<void> {
  await db.getRepository(TeamMember).delete({ teamId: team.id, membershipId: member.id });
}
