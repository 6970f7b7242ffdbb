import type { DataSource } from 'typeorm';
import { unauthenticated } from '../errors.js';
import { ApiToken } from '../tokens/api-token.entity.js';
import { User } from '../users/user.entity.js';
import { sha256 } from '../auth/secrets.js';
import { UserSession } from './user-session.entity.js';
import type { Viewer } from '../auth/viewer.js';

export const SESSION_COOKIE = 'vigil_session';

/** Don't write `last_used_at` on every request of a busy script or dashboard. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface Credentials {
  /** The raw `Authorization` header, if any. */
  authorization?: string | undefined;
  /** The session cookie's value, if any. */
  sessionToken?: string | undefined;
}

/**
 * Resolves the caller. A bearer token that is present but wrong is an error (a script should
 * hear why it failed); no credentials at all means an anonymous caller.
 */
export async function authenticate(db: DataSource, credentials: Credentials): Promise<Viewer | null> {
  const bearer = credentials.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (credentials.authorization && !bearer) throw unauthenticated('Authorization header must be "Bearer <token>"');
  if (bearer) return authenticateToken(db, bearer);
  if (credentials.sessionToken) return authenticateSession(db, credentials.sessionToken);
  return null;
}

async function authenticateToken(db: DataSource, token: string): Promise<Viewer> {
  // One query (findOne with a relation adds a DISTINCT id query first): this runs on every request.
  const apiToken = await db
    .getRepository(ApiToken)
    .createQueryBuilder('t')
    .innerJoinAndSelect('t.user', 'u')
    .where('t.token_hash = :hash', { hash: sha256(token) })
    .getOne();
  if (!apiToken?.user) throw unauthenticated('Invalid or revoked API token');
  if (!apiToken.lastUsedAt || Date.now() - apiToken.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.getRepository(ApiToken).update(apiToken.id, { lastUsedAt: new Date() });
  }
  return { user: apiToken.user, tokenScopes: apiToken.scopes, sessionId: null, tokenId: apiToken.id };
}

async function authenticateSession(db: DataSource, token: string): Promise<Viewer | null> {
  const session = await db
    .getRepository(UserSession)
    .createQueryBuilder('s')
    .innerJoinAndMapOne('s.user', User, 'u', 'u.id = s.user_id')
    .where('s.token_hash = :hash AND s.expires_at > now()', { hash: sha256(token) })
    .getOne();
  // A stale cookie is not an error: the dashboard simply shows the sign-in page.
  if (!session?.user) return null;
  if (!session.lastUsedAt || Date.now() - session.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.getRepository(UserSession).update(session.id, { lastUsedAt: new Date() });
  }
  return { user: session.user, tokenScopes: null, sessionId: session.id, tokenId: null };
}

/**
 * For long-lived connections: the token or session that authenticated `viewer` still exists, so
 * a revoked token or an ended session stops receiving events at once.
 */
export async function isStillAuthenticated(db: DataSource, viewer: Viewer): Promise<boolean> {
  const rows: unknown[] =
    viewer.tokenId !== null
      ? await db.query('SELECT 1 FROM api_token WHERE id = $1', [viewer.tokenId])
      : viewer.sessionId !== null
        ? await db.query('SELECT 1 FROM user_session WHERE id = $1 AND expires_at > now()', [viewer.sessionId])
        : [true];
  return rows.length > 0;
}
