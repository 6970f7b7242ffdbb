import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';

/**
 * Of many long-lived callers (open WebSockets), those whose API token was revoked or whose
 * session ended or expired since they authenticated: two queries for all of them.
 */
export async function viewersWithEndedCredentials(db: DataSource, viewers: Iterable<Viewer>): Promise<Set<Viewer>> {
  const all = [...viewers];
  const tokenIds = [...new Set(all.flatMap((v) => (v.tokenId !== null ? [v.tokenId] : [])))];
  const sessionIds = [...new Set(all.flatMap((v) => (v.tokenId === null && v.sessionId !== null ? [v.sessionId] : [])))];
  const [tokens, sessions] = await Promise.all([
    tokenIds.length ? (db.query('SELECT id FROM api_token WHERE id = ANY($1::int[])', [tokenIds]) as Promise<{ id: number }[]>) : [],
    sessionIds.length
      ? (db.query('SELECT id FROM user_session WHERE id = ANY($1::int[]) AND expires_at > now()', [sessionIds]) as Promise<{ id: number }[]>)
      : [],
  ]);
  const liveTokens = new Set(tokens.map((row) => Number(row.id)));
  const liveSessions = new Set(sessions.map((row) => Number(row.id)));
  return new Set(
    all.filter((v) => (v.tokenId !== null ? !liveTokens.has(v.tokenId) : v.sessionId !== null && !liveSessions.has(v.sessionId))),
  );
}
