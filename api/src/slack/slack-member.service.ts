/**
 * Who a Slack user is in Vigil: the member of the workspace's organization linked to them (by a
 * `/vigil link` or, on first use, by the verified email Slack reports). Everything they do from
 * Slack goes through the same AccessControl as GraphQL, so a readonly member cannot resolve.
 */
import type { DataSource } from 'typeorm';
import type { SlackApi } from '../../../integrations/src/slack/web-api.js';
import { AccessControl, type OrgAccess } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError } from '../errors.js';
import { membershipDirectory } from '../organizations/membership-directory.js';
import { Membership } from '../organizations/membership.entity.js';
import type { Organization } from '../organizations/organization.entity.js';
import { User } from '../users/user.entity.js';
import { SlackIdentity } from './slack-identity.entity.js';
import { organizationOfWorkspace } from './slack-workspace.service.js';

export interface SlackCaller {
  teamId: string;
  slackUserId: string;
}

export type SlackMember =
  | { kind: 'member'; organization: Organization; user: User; control: AccessControl; access: OrgAccess }
  /** No organization for this workspace (several exist and an admin has not connected one). */
  | { kind: 'no-workspace' }
  /** The Slack user is linked to no one who belongs to the organization. */
  | { kind: 'not-linked'; organization: Organization };

/** A viewer for a linked Slack user: no token narrows the member's role, and there is no session to end. */
function slackViewer(user: User): Viewer {
  return { user, tokenScopes: null, sessionId: null, tokenId: null };
}

export function accessControlForUser(db: DataSource, user: User): AccessControl {
  return new AccessControl(slackViewer(user), membershipDirectory(db), async () => true);
}

/** Links by the verified Slack email when it belongs to a member of the organization. */
async function linkByVerifiedEmail(db: DataSource, slack: SlackApi, caller: SlackCaller, organization: Organization): Promise<SlackIdentity | null> {
  const profile = await slack.userProfile(caller.slackUserId);
  if (!profile?.verifiedEmail) return null;
  const member = await db
    .getRepository(Membership)
    .createQueryBuilder('m')
    .innerJoin(User, 'u', 'u.id = m.user_id')
    .where('m.organization_id = :organizationId AND u.email = :email', { organizationId: organization.id, email: profile.verifiedEmail })
    .getOne();
  if (!member) return null;
  const repo = db.getRepository(SlackIdentity);
  await repo
    .createQueryBuilder()
    .insert()
    .values({ teamId: caller.teamId, slackUserId: caller.slackUserId, slackName: profile.name, userId: member.userId, linkedBy: 'email' })
    .orIgnore()
    .execute();
  return repo.findOneBy({ teamId: caller.teamId, slackUserId: caller.slackUserId });
}

export async function findSlackMember(db: DataSource, slack: SlackApi, caller: SlackCaller): Promise<SlackMember> {
  const organization = await organizationOfWorkspace(db, caller.teamId);
  if (!organization) return { kind: 'no-workspace' };
  const identity =
    (await db.getRepository(SlackIdentity).findOneBy({ teamId: caller.teamId, slackUserId: caller.slackUserId })) ??
    (await linkByVerifiedEmail(db, slack, caller, organization));
  const user = identity?.userId ? await db.getRepository(User).findOneBy({ id: identity.userId }) : null;
  if (!user) return { kind: 'not-linked', organization };
  const control = accessControlForUser(db, user);
  try {
    return { kind: 'member', organization, user, control, access: await control.organizationById(organization.id, 'org:read') };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return { kind: 'not-linked', organization };
    throw error;
  }
}

/** The Vigil user a Slack user of the workspace is linked to (for `assign WEB-12 @someone`). */
export async function linkedUserOf(db: DataSource, slack: SlackApi, caller: SlackCaller): Promise<User | null> {
  const member = await findSlackMember(db, slack, caller);
  return member.kind === 'member' ? member.user : null;
}
