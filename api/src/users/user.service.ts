import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { badInput } from '../errors.js';
import { normalizeEmail } from '../validation.js';
import { User } from './user.entity.js';

export function assertPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badInput(`Passwords need at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  }
}

/** The user with this email, created (without a password) if there is none yet. */
export async function findOrCreateUser(db: DataSource | EntityManager, rawEmail: string): Promise<User> {
  const email = normalizeEmail(rawEmail);
  const repo = db.getRepository(User);
  await repo.createQueryBuilder().insert().values({ email, name: '' }).orIgnore().execute();
  return repo.findOneByOrFail({ email });
}

export async function setPassword(db: DataSource | EntityManager, user: User, password: string): Promise<void> {
  assertPassword(password);
  await db.getRepository(User).update(user.id, { passwordHash: await hashPassword(password) });
}
