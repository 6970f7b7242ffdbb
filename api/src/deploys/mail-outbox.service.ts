import { listOutbox, type OutboxEntry } from '../../../integrations/src/email/outbox.js';
import type { AccessControl } from '../auth/access.js';
import type { Config } from '../config.js';
import { AppError, badInput, forbidden } from '../errors.js';

export const DEFAULT_OUTBOX_PAGE = 50;
export const MAX_OUTBOX_PAGE = 200;

/**
 * The outbox holds every organization's mail, so only people who administer at least one
 * organization (owner or admin, i.e. org:write) may read it.
 */
async function requireSomeOrganizationAdmin(access: AccessControl): Promise<void> {
  for (const id of await access.organizationIds()) {
    try {
      await access.organizationById(id, 'org:write');
      return;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'FORBIDDEN')) throw error;
    }
  }
  throw forbidden('Only owners and admins of an organization may read the mail outbox');
}

/** The newest messages of the local outbox (empty when mail goes out over SMTP and nothing was written). */
export async function listMailOutbox(access: AccessControl, mail: Config['mail'], first: number | null | undefined): Promise<OutboxEntry[]> {
  access.requireViewer();
  const count = first ?? DEFAULT_OUTBOX_PAGE;
  if (!Number.isInteger(count) || count < 1 || count > MAX_OUTBOX_PAGE) throw badInput(`first must be between 1 and ${MAX_OUTBOX_PAGE}`, 'first');
  await requireSomeOrganizationAdmin(access);
  return listOutbox(mail.outboxDir, count);
}
