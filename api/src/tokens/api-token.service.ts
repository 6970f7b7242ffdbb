import type { DataSource } from 'typeorm';
import { isScope, SCOPES, type Scope } from '../auth/scopes.js';
import { newApiToken, sha256 } from '../auth/secrets.js';
import type { Viewer } from '../auth/viewer.js';
import { badInput, notFound } from '../errors.js';
import type { User } from '../users/user.entity.js';
import { assertName } from '../validation.js';
import { ApiToken } from './api-token.entity.js';

export function assertScopes(scopes: readonly string[]): Scope[] {
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) throw badInput(`Unknown scope(s): ${unknown.join(', ')}. Known: ${SCOPES.join(', ')}`, 'scopes');
  if (scopes.length === 0) throw badInput('A token needs at least one scope', 'scopes');
  return [...new Set(scopes)] as Scope[];
}

/** Creates a token; the plain value is returned this once and never stored. */
export async function createApiToken(
  db: DataSource,
  user: Pick<User, 'id'>,
  input: { name: string; scopes: readonly string[] },
): Promise<{ token: string; apiToken: ApiToken }> {
  const token = newApiToken();
  const repo = db.getRepository(ApiToken);
  const apiToken = await repo.save(
    repo.create({
      userId: user.id,
      name: assertName(input.name),
      scopes: assertScopes(input.scopes),
      tokenHash: sha256(token),
      tokenLastCharacters: token.slice(-4),
      lastUsedAt: null,
    }),
  );
  return { token, apiToken };
}

export async function listApiTokens(db: DataSource, viewer: Viewer): Promise<ApiToken[]> {
  return db.getRepository(ApiToken).find({ where: { userId: viewer.user.id }, order: { id: 'ASC' } });
}

/** Revoking deletes the row: a revoked token must stop working on the very next request. */
export async function revokeApiToken(db: DataSource, viewer: Viewer, tokenId: number): Promise<void> {
  const { affected } = await db.getRepository(ApiToken).delete({ id: tokenId, userId: viewer.user.id });
  if (!affected) throw notFound('API token');
}
