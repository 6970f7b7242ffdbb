import { registerEnumType } from 'type-graphql';

/** Organization roles, from most to least privileged. */
export enum MemberRole {
  OWNER = 'owner',
  ADMIN = 'admin',
  MEMBER = 'member',
  READONLY = 'readonly',
}

registerEnumType(MemberRole, {
  name: 'MemberRole',
  description: 'owner: everything; admin: everything but deleting the organization and managing owners; ' +
    'member: read everything and work on issues and releases; readonly: read everything, change nothing.',
});

/** Sentry's API scopes, so sentry-cli tokens and scripts mean the same thing here as there. */
export const SCOPES = [
  'org:read',
  'org:write',
  'org:admin',
  'member:read',
  'member:write',
  'member:admin',
  'team:read',
  'team:write',
  'team:admin',
  'project:read',
  'project:write',
  'project:admin',
  'project:releases',
  'event:read',
  'event:write',
  'event:admin',
] as const;

export type Scope = (typeof SCOPES)[number];

const READ: Scope[] = ['org:read', 'member:read', 'team:read', 'project:read', 'event:read'];

const ROLE_SCOPES: Record<MemberRole, ReadonlySet<Scope>> = {
  [MemberRole.OWNER]: new Set(SCOPES),
  [MemberRole.ADMIN]: new Set(SCOPES.filter((s) => s !== 'org:admin' && s !== 'member:admin')),
  [MemberRole.MEMBER]: new Set([...READ, 'event:write', 'project:releases']),
  [MemberRole.READONLY]: new Set(READ),
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/**
 * What a caller may do in one organization: the role's scopes, narrowed by the API token's
 * scopes when the request is authenticated by a token.
 */
export function effectiveScopes(role: MemberRole, tokenScopes: readonly Scope[] | null): ReadonlySet<Scope> {
  const granted = ROLE_SCOPES[role];
  if (!tokenScopes) return granted;
  return new Set(tokenScopes.filter((scope) => granted.has(scope)));
}

/** Roles ordered by privilege, for "you may not grant more than you have" checks. */
export const ROLE_RANK: Record<MemberRole, number> = {
  [MemberRole.OWNER]: 3,
  [MemberRole.ADMIN]: 2,
  [MemberRole.MEMBER]: 1,
  [MemberRole.READONLY]: 0,
};
