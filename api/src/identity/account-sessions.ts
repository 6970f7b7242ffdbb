import { Not, type DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../errors.js';
import { UserSession } from './user-session.entity.js';

/** The user's unexpired sign-ins, most recently used first. */
export async function listSessions(db: DataSource, userId: number): Promise<UserSession[]> {
  return db
    .getRepository(UserSession)
    .createQueryBuilder('s')
    .where('s.user_id = :userId AND s.expires_at > now()', { userId })
    .orderBy('COALESCE(s.last_used_at, s.date_created)', 'DESC')
    .addOrderBy('s.id', 'DESC')
    .getMany();
}

/**
 * Ends one of the user's own sessions. Someone else's session answers NOT_FOUND, as one that
 * does not exist, so ids tell nothing. Open WebSockets of the session close within the sweep.
 */
export async function endSession(db: DataSource, userId: number, sessionId: number): Promise<void> {
  const { affected } = await db.getRepository(UserSession).delete({ id: sessionId, userId });
  if (!affected) throw notFound('Session');
}

/** Signs the user out everywhere but `keepSessionId`; returns how many sessions ended. */
export async function endOtherSessions(db: DataSource | EntityManager, userId: number, keepSessionId: number | null): Promise<number> {
  const { affected } = await db.getRepository(UserSession).delete(keepSessionId === null ? { userId } : { userId, id: Not(keepSessionId) });
  return affected ?? 0;
}
