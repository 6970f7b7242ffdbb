import { randomBytes } from 'node:crypto';
import type { OrgAccess } from '../../api/src/auth/access.js';
import { accessControlFor } from '../../api/src/server/request-context.js';
import { SCOPES, type MemberRole, type Scope } from '../../api/src/auth/scopes.js';
import { signIn } from '../../api/src/identity/sign-in.service.js';
import type { App } from '../../api/src/server/app.js';
import { addMember } from '../../api/src/organizations/member.service.js';
import type { Membership } from '../../api/src/organizations/membership.entity.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import { createOrganization } from '../../api/src/organizations/organization.service.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import { createProject } from '../../api/src/projects/project.service.js';
import { createApiToken } from '../../api/src/tokens/api-token.service.js';
import { User as UserEntity, type User } from '../../api/src/users/user.entity.js';
import { findOrCreateUser, setPassword } from '../../api/src/users/user.service.js';

/** Test data goes through the same services the product uses; every call makes unique names. */
export const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

export const TEST_PASSWORD = 'correct horse battery';

export async function buildUser(app: App, options: { password?: boolean } = {}): Promise<User> {
  const user = await findOrCreateUser(app.db, `${unique('user')}@example.com`);
  if (options.password) await setPassword(app.db, user, TEST_PASSWORD);
  return app.db.getRepository(UserEntity).findOneByOrFail({ id: user.id });
}

export async function accessFor(app: App, user: User, organization: Organization): Promise<OrgAccess> {
  const control = accessControlFor(app, { user, tokenScopes: null, sessionId: null, tokenId: null });
  return control.organizationById(organization.id, 'org:read');
}

export async function buildOrganization(app: App, owner: User): Promise<Organization> {
  const slug = unique('org');
  return createOrganization(app.db, { user: owner, tokenScopes: null, sessionId: null, tokenId: null }, { name: slug, slug });
}

export async function buildMember(app: App, organization: Organization, owner: User, role: MemberRole): Promise<{ user: User; member: Membership }> {
  const user = await buildUser(app);
  const member = await addMember(app.db, await accessFor(app, owner, organization), user.email, role);
  return { user, member };
}

export async function buildProject(app: App, organization: Organization, owner: User, platform = 'node'): Promise<Project> {
  const slug = unique('proj');
  return createProject(app.db, app.pubsub, await accessFor(app, owner, organization), { name: slug, slug, platform });
}

export async function tokenFor(app: App, user: User, scopes: readonly Scope[] = SCOPES): Promise<string> {
  return (await createApiToken(app.db, user, { name: 'test', scopes })).token;
}

/** A `Cookie` header value for a dashboard session of a user with the test password. */
export async function sessionCookieFor(app: App, user: User): Promise<string> {
  const { token } = await signIn(app.db, user.email, TEST_PASSWORD, 1);
  return `vigil_session=${token}`;
}

/** A whole tenant: an owner with a token, an organization and a project. */
export async function buildTenant(app: App) {
  const owner = await buildUser(app);
  const organization = await buildOrganization(app, owner);
  const project = await buildProject(app, organization, owner);
  return { owner, organization, project, token: await tokenFor(app, owner) };
}
