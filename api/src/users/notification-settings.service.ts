import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { User } from './user.entity.js';

/** Whether the user gets deploy emails (read fresh: the request's user row may predate a change). */
export async function deployEmailsEnabled(db: DataSource, userId: number): Promise<boolean> {
  const user = await db.getRepository(User).findOne({ where: { id: userId }, select: { id: true, deployEmails: true } });
  return user?.deployEmails ?? false;
}

/** The viewer's own notification settings. */
export async function updateNotificationSettings(db: DataSource, viewer: Viewer, settings: { deployEmails: boolean }): Promise<User> {
  await db.getRepository(User).update(viewer.user.id, { deployEmails: settings.deployEmails });
  return db.getRepository(User).findOneByOrFail({ id: viewer.user.id });
}
