import type { DataSource, EntityManager } from 'typeorm';
import type { LoginLimits } from '../config.js';
import { tooManyRequests, unauthenticated } from '../errors.js';
import { User } from '../users/user.entity.js';
import { normalizeEmail } from '../validation.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { newSessionToken, sha256 } from '../auth/secrets.js';
import { UserSession } from './user-session.entity.js';

// Verifying against a throwaway hash when the email is unknown keeps the timing the same.
const DUMMY_HASH = hashPassword('not-a-real-password');

/** Failed sign-ins allowed per window: per email (guessing one password) and per client IP (spraying many). */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowSeconds: 15 * 60, perEmail: 10, perIp: 50 };

interface Attempt {
  id: string;
  emailHash: string;
  clientIp: string | null;
}

/**
 * Records the attempt first, then counts, so concurrent guesses see each other. Over a limit the
 * attempt is dropped again (a throttled try does not extend the lockout) and TOO_MANY_REQUESTS
 * says when the oldest counted failure leaves the window.
 */
async function beginAttempt(db: DataSource | EntityManager, limits: LoginLimits, email: string, clientIp: string | null): Promise<Attempt> {
  const emailHash = sha256(email);
  const window = `${limits.windowSeconds} seconds`;
  // Failures that left the window count for nothing: keep the table small.
  await db.query(`DELETE FROM login_failure WHERE at < now() - $1::interval`, [window]);
  const [inserted] = (await db.query('INSERT INTO login_failure (email_hash, client_ip) VALUES ($1, $2) RETURNING id', [emailHash, clientIp])) as { id: string }[];
  const attempt = { id: inserted!.id, emailHash, clientIp };
  for (const [column, value, limit] of [
    ['email_hash', emailHash, limits.perEmail],
    ['client_ip', clientIp, limits.perIp],
  ] as const) {
    if (value === null) continue;
    // The limit-th newest earlier failure: once it leaves the window, there is room for one more.
    const [blocking] = (await db.query(
      `SELECT ceil(extract(epoch FROM at + $3::interval - now()))::int AS retry_after FROM login_failure
        WHERE ${column} = $1 AND id <> $2 AND at >= now() - $3::interval ORDER BY at DESC, id DESC OFFSET $4 LIMIT 1`,
      [value, attempt.id, window, limit - 1],
    )) as { retry_after: number }[];
    if (blocking) {
      await db.query('DELETE FROM login_failure WHERE id = $1', [attempt.id]);
      const who = column === 'email_hash' ? 'this email' : 'your address';
      throw tooManyRequests(`Too many failed sign-ins for ${who}; try again in ${Math.max(1, blocking.retry_after)} seconds`, Math.max(1, blocking.retry_after));
    }
  }
  return attempt;
}

/** Who is signing in from where: failures are throttled per email and per `ip`. */
export interface SignInClient {
  ip: string | null;
  userAgent?: string | null;
  limits: LoginLimits;
}

const NO_CLIENT: SignInClient = { ip: null, limits: DEFAULT_LOGIN_LIMITS };

/** Real User-Agent headers are a few hundred characters; the sessions list needs no more. */
const MAX_STORED_USER_AGENT = 512;

/**
 * The user whose email and password these are, or null. Every wrong guess counts against the
 * email's and the client's limits (Config['login']), wherever the password is asked for.
 */
export async function checkPassword(db: DataSource | EntityManager, email: string, password: string, client: SignInClient = NO_CLIENT): Promise<User | null> {
  const normalized = normalizeEmail(email);
  const attempt = await beginAttempt(db, client.limits, normalized, client.ip);
  const user = await db.getRepository(User).findOneBy({ email: normalized });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
  if (!user?.passwordHash || !valid) return null;
  await db.query('DELETE FROM login_failure WHERE email_hash = $1', [attempt.emailHash]);
  return user;
}

/** Checks the password and opens a session; the returned token goes into the cookie. */
export async function signIn(
  db: DataSource,
  email: string,
  password: string,
  ttlDays: number,
  client: SignInClient = NO_CLIENT,
): Promise<{ user: User; token: string; expiresAt: Date }> {
  const user = await checkPassword(db, email, password, client);
  if (!user) throw unauthenticated('Wrong email or password');
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  await db.getRepository(UserSession).insert({
    userId: user.id,
    tokenHash: sha256(token),
    expiresAt,
    lastUsedAt: new Date(),
    userAgent: client.userAgent?.slice(0, MAX_STORED_USER_AGENT) ?? null,
    ipAddress: client.ip,
  });
  return { user, token, expiresAt };
}

export async function signOut(db: DataSource, sessionId: number): Promise<void> {
  await db.getRepository(UserSession).delete(sessionId);
}
