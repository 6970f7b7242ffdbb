import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { User } from './user.entity.js';

/** The email switches a person controls; every one is a boolean column of `users`. */
export const NOTIFICATION_SETTING_KEYS = [
  'deployEmails',
  'commentEmails',
  'assignmentEmails',
  'resolutionEmails',
  'regressionEmails',
  'mentionEmails',
  'ownActivityEmails',
] as const;

export type NotificationSettingKey = (typeof NOTIFICATION_SETTING_KEYS)[number];
export type NotificationSettings = Record<NotificationSettingKey, boolean>;

const SELECT = Object.fromEntries([['id', true], ...NOTIFICATION_SETTING_KEYS.map((key) => [key, true])]) as Record<keyof User, true>;

/** The user's settings, read fresh (the request's user row may predate a change). */
export async function notificationSettings(db: DataSource, userId: number): Promise<NotificationSettings | null> {
  const user = await db.getRepository(User).findOne({ where: { id: userId }, select: SELECT });
  return user ? (Object.fromEntries(NOTIFICATION_SETTING_KEYS.map((key) => [key, user[key]])) as NotificationSettings) : null;
}

/** Whether the user gets deploy emails. */
export async function deployEmailsEnabled(db: DataSource, userId: number): Promise<boolean> {
  return (await notificationSettings(db, userId))?.deployEmails ?? false;
}

/** Changes the viewer's own settings; keys left out stay as they are. */
export async function updateNotificationSettings(db: DataSource, viewer: Viewer, settings: Partial<NotificationSettings>): Promise<User> {
  const changes = Object.fromEntries(NOTIFICATION_SETTING_KEYS.flatMap((key) => (typeof settings[key] === 'boolean' ? [[key, settings[key]]] : [])));
  if (Object.keys(changes).length > 0) await db.getRepository(User).update(viewer.user.id, changes);
  return db.getRepository(User).findOneByOrFail({ id: viewer.user.id });
}
