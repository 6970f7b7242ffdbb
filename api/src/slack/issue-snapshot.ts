import type { DataSource } from 'typeorm';
import { Issue } from '../issues/issue.entity.js';
import { formatShortId } from '../issues/short-id.js';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { Release } from '../releases/release.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

/** Slack's static_select takes at most 100 options. */
const MAX_MEMBER_OPTIONS = 99;

/** Everything an issue message shows, read in one place so posting and updating render the same. */
export interface IssueSnapshot {
  issue: Issue;
  shortId: string;
  url: string;
  organization: Organization;
  project: Project;
  environments: string[];
  release: string | null;
  assignee: { kind: 'user'; id: number; name: string } | { kind: 'team'; slug: string } | null;
  members: { id: number; name: string }[];
}

export const displayName = (user: Pick<User, 'name' | 'email'>): string => user.name || user.email;

/** The issue with what its message needs, or null when it (or its project) is gone. */
export async function loadIssueSnapshot(db: DataSource, publicUrl: string, issueId: number): Promise<IssueSnapshot | null> {
  const issue = await db.getRepository(Issue).findOneBy({ id: issueId });
  const project = issue ? await db.getRepository(Project).findOneBy({ id: issue.projectId, status: 'active' }) : null;
  const organization = project ? await db.getRepository(Organization).findOneBy({ id: project.organizationId, status: 'active' }) : null;
  if (!issue || !project || !organization) return null;
  const environments = ((await db.query(
    `SELECT value FROM issue_tag_value WHERE issue_id = $1 AND key = 'environment' ORDER BY times_seen DESC, value LIMIT 3`,
    [issue.id],
  )) as { value: string }[]).map((row) => row.value);
  const releaseId = issue.lastReleaseId ?? issue.firstReleaseId;
  const release = releaseId ? await db.getRepository(Release).findOneBy({ id: releaseId }) : null;
  const members = await db
    .getRepository(Membership)
    .find({ where: { organizationId: organization.id }, relations: { user: true }, order: { id: 'ASC' }, take: MAX_MEMBER_OPTIONS });
  let assignee: IssueSnapshot['assignee'] = null;
  if (issue.assigneeUserId) {
    const user = await db.getRepository(User).findOneBy({ id: issue.assigneeUserId });
    if (user) assignee = { kind: 'user', id: user.id, name: displayName(user) };
  } else if (issue.assigneeTeamId) {
    const team = await db.getRepository(Team).findOneBy({ id: issue.assigneeTeamId });
    if (team) assignee = { kind: 'team', slug: team.slug };
  }
  const shortId = formatShortId(project.slug, issue.shortIdNumber);
  return {
    issue,
    shortId,
    url: issueUrl(publicUrl, organization.slug, shortId),
    organization,
    project,
    environments,
    release: release?.version ?? null,
    assignee,
    members: members.filter((m) => m.user).map((m) => ({ id: m.userId, name: displayName(m.user!) })),
  };
}

/** The dashboard's issue page, the URL messages link to and unfurls recognize. */
export function issueUrl(publicUrl: string, organizationSlug: string, shortId: string): string {
  return `${publicUrl}/organizations/${encodeURIComponent(organizationSlug)}/issues/${encodeURIComponent(shortId)}/`;
}
