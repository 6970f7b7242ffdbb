import { AccessControl } from '../auth/access.js';
import { membershipDirectory } from '../organizations/membership-directory.js';
import { SCOPES, MemberRole } from '../auth/scopes.js';
import { newPassword } from '../auth/secrets.js';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../runtime/deps.js';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { createOrganization } from '../organizations/organization.service.js';
import { createProjectKey, dsnFor } from '../projects/project-key.service.js';
import { ProjectKey } from '../projects/project-key.entity.js';
import { Project } from '../projects/project.entity.js';
import { createProject } from '../projects/project.service.js';
import { createDefaultAlertRule } from '../alerts/default-alert-rule.js';
import { createApiToken } from '../tokens/api-token.service.js';
import { findOrCreateUser, setPassword } from '../users/user.service.js';
import { assertSlug } from '../validation.js';

export interface BootstrapInput {
  org: string;
  project: string;
  email: string;
  /** Sets (or resets) the password; without it a user who has none gets a generated one. */
  password?: string | undefined;
}

export interface BootstrapResult {
  organization: string;
  project: string;
  projectId: number;
  dsn: string;
  token: string;
  email: string;
  /** The password set by this run; null when an existing password was kept. */
  password: string | null;
}

/**
 * Operator set-up: makes sure the user, organization (with the user as owner), project and a DSN
 * key exist, reusing whatever is already there, and issues a fresh API token (tokens are stored
 * hashed, so an old one cannot be shown again).
 */
export async function bootstrapAccount(app: Deps, input: BootstrapInput): Promise<BootstrapResult> {
  const { db, pubsub } = app;
  const orgSlug = assertSlug(input.org, 'org');
  const projectSlug = assertSlug(input.project, 'project');

  const user = await findOrCreateUser(db, input.email);
  let password: string | null = null;
  if (input.password !== undefined || !user.passwordHash) {
    password = input.password ?? newPassword();
    await setPassword(db, user, password);
  }
  const viewer: Viewer = { user, tokenScopes: null, sessionId: null, tokenId: null };

  const existingOrg = await db.getRepository(Organization).findOneBy({ slug: orgSlug, status: 'active' });
  if (!existingOrg) {
    await createOrganization(db, viewer, { name: orgSlug, slug: orgSlug });
  } else {
    await db
      .getRepository(Membership)
      .createQueryBuilder()
      .insert()
      .values({ organizationId: existingOrg.id, userId: user.id, role: MemberRole.OWNER })
      .orIgnore()
      .execute();
  }
  const access = await new AccessControl(viewer, membershipDirectory(db), async () => true).organizationBySlug(orgSlug, 'org:read');

  const project =
    (await db.getRepository(Project).findOneBy({ organizationId: access.organization.id, slug: projectSlug, status: 'active' })) ??
    (await createProject(db, pubsub, { ...access, scopes: new Set(SCOPES) }, { name: projectSlug, slug: projectSlug }, createDefaultAlertRule));
  const key =
    (await db.getRepository(ProjectKey).findOne({ where: { projectId: project.id, isActive: true }, order: { id: 'ASC' } })) ??
    (await createProjectKey(db, project, { label: 'Default' }));
  const { token } = await createApiToken(db, user, { name: 'bootstrap', scopes: SCOPES });

  return {
    organization: access.organization.slug,
    project: project.slug,
    projectId: project.id,
    dsn: dsnFor(app.config.publicUrl, key.publicKey, project.id),
    token,
    email: user.email,
    password,
  };
}
