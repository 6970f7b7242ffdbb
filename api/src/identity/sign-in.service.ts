import type { DataSource } from 'typeorm';
import { unauthenticated } from '../errors.js';
import { User } from '../users/user.entity.js';
import { normalizeEmail } from '../validation.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { newSessionToken, sha256 } from '../auth/secrets.js';
import { UserSession } from './user-session.entity.js';

// Verifying against a throwaway hash when the email is unknown keeps the timing the same.
const DUMMY_HASH = hashPassword('not-a-real-password');

/** Checks the password and opens a session; the returned token goes into the cookie. */
export async function signIn(
  db: DataSource,
  email: string,
  password: string,
  ttlDays: number,
): Promise<{ user: User; token: string; expiresAt: Date }> {
  const user = await db.getRepository(User).findOneBy({ email: normalizeEmail(email) });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
  if (!user?.passwordHash || !valid) throw unauthenticated('Wrong email or password');
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  await db.getRepository(UserSession).insert({ userId: user.id, tokenHash: sha256(token), expiresAt });
  return { user, token, expiresAt };
}

export async function signOut(db: DataSource, sessionId: number): Promise<void> {
  await db.getRepository(UserSession).delete(sessionId);
}
