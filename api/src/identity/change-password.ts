import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { badInput } from '../errors.js';
import { assertPassword, setPassword } from '../users/user.service.js';
import { endOtherSessions } from './account-sessions.js';
import { checkPassword, type SignInClient } from './sign-in.service.js';

/**
 * Sets a new password after checking the current one (throttled like sign-in, so a borrowed
 * session cannot guess it), and signs out every other session: whoever knew the old password is
 * out. API tokens stay; they are revoked on their own page. Returns how many sessions ended.
 */
export async function changePassword(
  db: DataSource,
  viewer: Viewer,
  passwords: { current: string; next: string },
  client: SignInClient,
): Promise<number> {
  assertPassword(passwords.next);
  if (passwords.next === passwords.current) throw badInput('The new password must differ from the current one', 'newPassword');
  const user = await checkPassword(db, viewer.user.email, passwords.current, client);
  if (!user || user.id !== viewer.user.id) throw badInput('The current password is wrong', 'currentPassword');
  return db.transaction(async (tx) => {
    await setPassword(tx, user, passwords.next);
    return endOtherSessions(tx, user.id, viewer.sessionId);
  });
}
