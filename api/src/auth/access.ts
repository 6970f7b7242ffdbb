import type { DataSource } from 'typeorm';
import { forbidden, notFound, unauthenticated } from '../errors.js';
import { Issue } from '../issues/issue.entity.js';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { effectiveScopes, type Scope } from './scopes.js';
import type { Viewer } from './viewer.js';

/** The caller's standing in one organization. Services take this, never a bare organization id. */
export interface OrgAccess {
  viewer: Viewer;
  organization: Organization;
  membership: Membership;
  scopes: ReadonlySet<Scope>;
}

/**
 * Per-request authorization. Anything outside the caller's organizations is reported exactly
 * like something that does not exist; a member lacking a scope gets FORBIDDEN.
 */
export class AccessControl {
  private memberships: Promise<Map<number, { membership: Membership; organization: Organization }>> | undefined;

  constructor(
    private readonly db: DataSource,
    readonly viewer: Viewer | null,
  ) {}

  requireViewer(): Viewer {
    if (!this.viewer) throw unauthenticated();
    return this.viewer;
  }

  /** Token management needs a signed-in person, so a leaked token cannot mint more tokens. */
  requireSession(): Viewer {
    const viewer = this.requireViewer();
    if (viewer.sessionId === null) throw forbidden('This action needs a dashboard session, not an API token');
    return viewer;
  }

  /** Checks a scope that applies outside any organization (e.g. creating one) against the token. */
  requireTokenScope(scope: Scope): Viewer {
    const viewer = this.requireViewer();
    if (viewer.tokenScopes && !viewer.tokenScopes.includes(scope)) throw forbidden(`This API token lacks the ${scope} scope`);
    return viewer;
  }

  async organizationBySlug(slug: string, scope: Scope): Promise<OrgAccess> {
    const all = await this.all();
    const entry = [...all.values()].find((e) => e.organization.slug === slug);
    return this.check(entry, scope);
  }

  async organizationById(id: number, scope: Scope): Promise<OrgAccess> {
    return this.check((await this.all()).get(id), scope);
  }

  /** Every organization the caller belongs to (for `viewer.organizations`). */
  async organizationIds(): Promise<number[]> {
    return [...(await this.all()).keys()];
  }

  async project(id: number | string, scope: Scope): Promise<{ access: OrgAccess; project: Project }> {
    const viewer = this.requireViewer();
    const projectId = Number(id);
    const project = Number.isSafeInteger(projectId)
      ? await this.db.getRepository(Project).findOneBy({ id: projectId, status: 'active' })
      : null;
    const entry = project ? (await this.all()).get(project.organizationId) : undefined;
    if (!project || !entry) throw notFound('Project');
    return { access: this.check(entry, scope, viewer), project };
  }

  /** An issue of an active project; NOT_FOUND alike when it does not exist or is another organization's. */
  async issue(id: number | string, scope: Scope): Promise<{ access: OrgAccess; project: Project; issue: Issue }> {
    const viewer = this.requireViewer();
    const issueId = Number(id);
    const issue = Number.isSafeInteger(issueId)
      ? await this.db
          .getRepository(Issue)
          .createQueryBuilder('i')
          .innerJoinAndMapOne('i.project', Project, 'p', "p.id = i.project_id AND p.status = 'active'")
          .where('i.id = :issueId', { issueId })
          .getOne()
      : null;
    const entry = issue?.project ? (await this.all()).get(issue.project.organizationId) : undefined;
    if (!issue?.project || !entry) throw notFound('Issue');
    return { access: this.check(entry, scope, viewer), project: issue.project, issue };
  }

  /**
   * For long-lived subscriptions: the token or session that authenticated the caller still
   * exists, so a revoked token or an ended session stops receiving events at once.
   */
  async assertStillAuthenticated(): Promise<void> {
    const viewer = this.requireViewer();
    const rows: unknown[] =
      viewer.tokenId !== null
        ? await this.db.query('SELECT 1 FROM api_token WHERE id = $1', [viewer.tokenId])
        : viewer.sessionId !== null
          ? await this.db.query('SELECT 1 FROM user_session WHERE id = $1 AND expires_at > now()', [viewer.sessionId])
          : [true];
    if (rows.length === 0) throw unauthenticated('Your API token was revoked or your session ended');
  }

  /** Forget cached memberships after this request changed them. */
  invalidate(): void {
    this.memberships = undefined;
  }

  private check(
    entry: { membership: Membership; organization: Organization } | undefined,
    scope: Scope,
    viewer = this.requireViewer(),
  ): OrgAccess {
    if (!entry) throw notFound('Organization');
    const scopes = effectiveScopes(entry.membership.role, viewer.tokenScopes);
    if (!scopes.has(scope)) {
      throw forbidden(
        viewer.tokenScopes && effectiveScopes(entry.membership.role, null).has(scope)
          ? `This API token lacks the ${scope} scope`
          : `Your role (${entry.membership.role}) does not allow this (needs ${scope})`,
      );
    }
    return { viewer, organization: entry.organization, membership: entry.membership, scopes };
  }

  private all(): Promise<Map<number, { membership: Membership; organization: Organization }>> {
    const viewer = this.requireViewer();
    this.memberships ??= this.db
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndMapOne('m.organization', Organization, 'o', "o.id = m.organization_id AND o.status = 'active'")
      .where('m.user_id = :userId', { userId: viewer.user.id })
      .getMany()
      .then((rows) => new Map(rows.map((m) => [m.organizationId, { membership: m, organization: m.organization! }])));
    return this.memberships;
  }
}
