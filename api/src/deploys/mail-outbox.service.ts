import type { DataSource } from 'typeorm';
import { readOutboxEntries, type OutboxEntry } from '../../../integrations/src/email/outbox.js';
import type { AccessControl } from '../auth/access.js';
import type { Config } from '../config.js';
import { AppError, badInput, forbidden } from '../errors.js';
import { OutboxMailRow } from './mail-outbox.entity.js';

export const DEFAULT_OUTBOX_PAGE = 50;
export const MAX_OUTBOX_PAGE = 200;

/** Remembers whose message an outbox file is; the list shows each organization only its own. */
export async function recordOutboxMail(db: DataSource, organizationId: number, fileName: string): Promise<void> {
  await db.query('INSERT INTO outbox_mail (organization_id, file_name) VALUES ($1, $2) ON CONFLICT (file_name) DO NOTHING', [organizationId, fileName]);
}

/** The organizations whose mail the caller may read: those they administer (org:write). */
async function administeredOrganizationIds(access: AccessControl): Promise<number[]> {
  const ids: number[] = [];
  for (const id of await access.organizationIds()) {
    try {
      await access.organizationById(id, 'org:write');
      ids.push(id);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'FORBIDDEN')) throw error;
    }
  }
  if (ids.length === 0) throw forbidden('Only owners and admins of an organization may read the mail outbox');
  return ids;
}

/** The newest outbox messages of the organizations the caller administers (empty when mail goes out over SMTP). */
export async function listMailOutbox(db: DataSource, access: AccessControl, mail: Config['mail'], first: number | null | undefined): Promise<OutboxEntry[]> {
  access.requireViewer();
  const count = first ?? DEFAULT_OUTBOX_PAGE;
  if (!Number.isInteger(count) || count < 1 || count > MAX_OUTBOX_PAGE) throw badInput(`first must be between 1 and ${MAX_OUTBOX_PAGE}`, 'first');
  const organizationIds = await administeredOrganizationIds(access);
  const rows = await db
    .getRepository(OutboxMailRow)
    .createQueryBuilder('m')
    .where('m.organization_id = ANY(:organizationIds)', { organizationIds })
    .orderBy('m.id', 'DESC')
    .limit(count)
    .getMany();
  return readOutboxEntries(mail.outboxDir, rows.map((row) => row.fileName));
}
