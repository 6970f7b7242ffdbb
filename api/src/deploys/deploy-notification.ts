/**
 * Deploy emails: when a deploy finishes, the members whose commits it shipped get one email each
 * (unless they turned deploy emails off). A deploy is claimed before anything is sent, so a retried
 * or duplicated job sends once; a failed send releases the claim so the retry sends again.
 */
import type { DataSource } from 'typeorm';
import type { Mailer } from '../../../integrations/src/email/mailer.js';
import { renderDeployEmail, type DeployEmailCommit, type DeployEmailView } from '../../../integrations/src/email/templates/deploy-email.js';
import type { Deps } from '../runtime/deps.js';
import { recordOutboxMail } from './mail-outbox.service.js';

export interface DeployNotificationResult {
  /** False when another run already notified this deploy (or it no longer exists). */
  claimed: boolean;
  recipients: string[];
}

interface Recipient {
  email: string;
  name: string;
}

/** Sets notified_at unless set already; true when this run owns the notification. */
async function claimDeploy(db: DataSource, deployId: number): Promise<boolean> {
  // TypeORM returns [rows, affected] for an UPDATE.
  const [rows] = (await db.query('UPDATE deploy SET notified_at = now() WHERE id = $1 AND notified_at IS NULL RETURNING id', [deployId])) as [
    unknown[],
    number,
  ];
  return rows.length > 0;
}

async function releaseClaim(db: DataSource, deployId: number): Promise<void> {
  await db.query('UPDATE deploy SET notified_at = NULL WHERE id = $1', [deployId]);
}

/** Everything the email shows, loaded in a handful of queries. */
async function loadDeployView(db: DataSource, publicUrl: string, deployId: number): Promise<{ view: Omit<DeployEmailView, 'recipientName'>; organizationId: number; releaseId: number } | null> {
  const [deploy] = (await db.query(
    `SELECT d.environment, d.date_finished, d.organization_id, r.id AS release_id, r.version, o.slug AS organization_slug
       FROM deploy d JOIN release r ON r.id = d.release_id JOIN organization o ON o.id = d.organization_id
      WHERE d.id = $1`,
    [deployId],
  )) as { environment: string; date_finished: Date; organization_id: number; release_id: number; version: string; organization_slug: string }[];
  if (!deploy) return null;
  const releaseId = deploy.release_id;
  const projects: { slug: string }[] = await db.query(
    `SELECT p.slug FROM release_project rp JOIN project p ON p.id = rp.project_id AND p.status = 'active' WHERE rp.release_id = $1 ORDER BY p.slug`,
    [releaseId],
  );
  const commits: { key: string; message: string; author_name: string | null; author_email: string | null }[] = await db.query(
    `SELECT c.key, c.message, c.author_name, c.author_email
       FROM release_commit rc JOIN commit c ON c.id = rc.commit_id WHERE rc.release_id = $1 ORDER BY rc."order", c.id`,
    [releaseId],
  );
  const [counts] = (await db.query(
    `SELECT
       (SELECT count(DISTINCT f.filename) FROM commit_file_change f JOIN release_commit rc ON rc.commit_id = f.commit_id WHERE rc.release_id = $1)::int AS files,
       (SELECT count(*) FROM issue i JOIN project p ON p.id = i.project_id AND p.status = 'active' WHERE i.first_release_id = $1)::int AS new_issues,
       (SELECT count(*) FROM issue i JOIN project p ON p.id = i.project_id AND p.status = 'active'
         WHERE i.resolved_in_release_id = $1 AND i.resolution = 'in_release')::int AS resolved_issues`,
    [releaseId],
  )) as { files: number; new_issues: number; resolved_issues: number }[];
  return {
    organizationId: deploy.organization_id,
    releaseId,
    view: {
      publicUrl,
      organizationSlug: deploy.organization_slug,
      version: deploy.version,
      environment: deploy.environment,
      projectSlugs: projects.map((p) => p.slug),
      dateFinished: new Date(deploy.date_finished),
      commits: commits.map((c): DeployEmailCommit => ({ key: c.key, message: c.message, authorName: c.author_name, authorEmail: c.author_email })),
      filesChanged: counts?.files ?? 0,
      newIssues: counts?.new_issues ?? 0,
      resolvedIssues: counts?.resolved_issues ?? 0,
    },
  };
}

/** Members of the organization who authored a commit of the release and still want deploy emails. */
async function loadRecipients(db: DataSource, organizationId: number, releaseId: number): Promise<Recipient[]> {
  return db.query(
    `SELECT u.email, u.name FROM users u
       JOIN organization_member m ON m.user_id = u.id AND m.organization_id = $1
      WHERE u.deploy_emails
        AND lower(u.email) IN (SELECT lower(c.author_email) FROM release_commit rc JOIN commit c ON c.id = rc.commit_id
                                WHERE rc.release_id = $2 AND c.author_email IS NOT NULL)
      ORDER BY u.email`,
    [organizationId, releaseId],
  );
}

/**
 * A deploy of a release whose refs are still being turned into commits (Heroku, set-commits
 * --commit) must wait: the recipients are the commits' authors. The fetch job notifies it after.
 */
async function waitingForCommits(db: DataSource, deployId: number): Promise<boolean> {
  const rows: { waiting: boolean }[] = await db.query(
    `SELECT (r.refs IS NOT NULL AND jsonb_array_length(r.refs) > 0
             AND NOT EXISTS (SELECT 1 FROM release_commit rc WHERE rc.release_id = r.id)) AS waiting
       FROM deploy d JOIN release r ON r.id = d.release_id WHERE d.id = $1`,
    [deployId],
  );
  return rows[0]?.waiting ?? false;
}

/** The body of the 'deploy.notify' job. */
export async function notifyDeploy(app: Pick<Deps, 'db' | 'config'>, deployId: number, mailer: Mailer): Promise<DeployNotificationResult> {
  if (await waitingForCommits(app.db, deployId)) return { claimed: false, recipients: [] };
  if (!(await claimDeploy(app.db, deployId))) return { claimed: false, recipients: [] };
  try {
    const loaded = await loadDeployView(app.db, app.config.publicUrl, deployId);
    if (!loaded) return { claimed: false, recipients: [] };
    const recipients = await loadRecipients(app.db, loaded.organizationId, loaded.releaseId);
    for (const recipient of recipients) {
      const outboxFile = await mailer.send({ to: recipient.email, ...renderDeployEmail({ ...loaded.view, recipientName: recipient.name }) });
      if (outboxFile) await recordOutboxMail(app.db, loaded.organizationId, outboxFile);
    }
    return { claimed: true, recipients: recipients.map((r) => r.email) };
  } catch (error) {
    // Let the retry send: those who already got the email may get it twice, nobody gets it never.
    await releaseClaim(app.db, deployId);
    throw error;
  }
}
