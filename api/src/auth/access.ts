import { forbidden, notFound, unauthenticated } from '../errors.js';
import { effectiveScopes, type MemberRole, type Scope } from './scopes.js';
import type { Viewer } from './viewer.js';

/** An organization as access control sees it (the organizations domain's entity has this shape). */
export interface OrganizationRef {
  id: number;
  slug: string;
  name: string;
  dateCreated: Date;
}

export interface MembershipRef {
  id: number;
  organizationId: number;
  userId: number;
  role: MemberRole;
  dateCreated: Date;
}

export interface MembershipEntry {
  membership: MembershipRef;
  organization: OrganizationRef;
}

/** Where access control reads a user's memberships of active organizations (the organizations domain answers). */
export type MembershipDirectory = (userId: number) => Promise<MembershipEntry[]>;

/** The caller's standing in one organization. Services take this, never a bare organization id. */
export interface OrgAccess {
  viewer: Viewer;
  organization: OrganizationRef;
  membership: MembershipRef;
  scopes: ReadonlySet<Scope>;
}

/**
 * Whom a change acts for: a member's OrgAccess (checked by the route or resolver), or just the
 * organization when a verified webhook is the authority.
 */
export type OrganizationScope = Pick<OrgAccess, 'organization'>;

/**
 * Per-request authorization. Anything outside the caller's organizations is reported exactly
 * like something that does not exist; a member lacking a scope gets FORBIDDEN. Checks about a
 * domain's rows (a project, an issue) live in that domain and end in `organizationById`.
 */
export class AccessControl {
  private memberships: Promise<Map<number, MembershipEntry>> | undefined;

  constructor(
    readonly viewer: Viewer | null,
    private readonly directory: MembershipDirectory,
    private readonly stillAuthenticated: (viewer: Viewer) => Promise<boolean>,
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

  /**
   * For a row of `organizationId` that a domain has loaded (a project, an issue): the caller's
   * access to it, or NOT_FOUND named after the row, as if it did not exist.
   */
  async forRowOf(organizationId: number, scope: Scope, what: string): Promise<OrgAccess> {
    const viewer = this.requireViewer();
    const entry = (await this.all()).get(organizationId);
    if (!entry) throw notFound(what);
    return this.check(entry, scope, viewer);
  }

  /** Every organization the caller belongs to (for `viewer.organizations`). */
  async organizationIds(): Promise<number[]> {
    return [...(await this.all()).keys()];
  }

  /**
   * For long-lived subscriptions: the token or session that authenticated the caller still
   * exists, so a revoked token or an ended session stops receiving events at once.
   */
  async assertStillAuthenticated(): Promise<void> {
    if (!(await this.stillAuthenticated(this.requireViewer()))) throw unauthenticated('Your API token was revoked or your session ended');
  }

  /** Forget cached memberships after this request changed them. */
  invalidate(): void {
    this.memberships = undefined;
  }

  private check(
    entry: MembershipEntry | undefined,
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

  private all(): Promise<Map<number, MembershipEntry>> {
    const viewer = this.requireViewer();
    this.memberships ??= this.directory(viewer.user.id).then((rows) => new Map(rows.map((e) => [e.organization.id, e])));
    return this.memberships;
  }
}
