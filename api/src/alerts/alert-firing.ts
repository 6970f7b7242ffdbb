/**
 * Running a fired alert's actions (the 'alert.fire' job). Each action type has an executor; the
 * job handler composes the map (`{ EMAIL, WEBHOOK, SLACK }`), so a domain that lands later (Slack)
 * adds its executor there. Results are saved per action as it finishes; a rerun skips actions
 * already sent or skipped and retries failed ones, so nobody is alerted twice by a retry.
 */
import type { DataSource } from 'typeorm';
import { Issue } from '../issues/issue.entity.js';
import { formatShortId } from '../issues/short-id.js';
import { Project } from '../projects/project.entity.js';
import type { Deps } from '../runtime/deps.js';
import { AlertFire, type ActionResult } from './alert-fire.entity.js';
import type { ActionType, AlertAction } from './alert-rule.model.js';
import { AlertRule } from './alert-rule.entity.js';

export interface FiredAlert {
  fire: AlertFire;
  rule: AlertRule;
  issue: Issue;
  project: Project;
  organizationSlug: string;
  shortId: string;
  issueUrl: string;
}

export type ActionExecutor = (alert: FiredAlert, action: AlertAction) => Promise<Omit<ActionResult, 'type'>>;
export type ActionExecutors = Record<ActionType, ActionExecutor>;

async function loadAlert(db: DataSource, publicUrl: string, fireId: number): Promise<FiredAlert | null> {
  const fire = await db.getRepository(AlertFire).findOneBy({ id: fireId });
  if (!fire) return null;
  const rule = await db.getRepository(AlertRule).findOneBy({ id: fire.ruleId });
  const issue = await db.getRepository(Issue).findOneBy({ id: fire.issueId });
  const project = issue ? await db.getRepository(Project).findOneBy({ id: issue.projectId, status: 'active' }) : null;
  if (!rule || !issue || !project) return null;
  const [org] = (await db.query('SELECT slug FROM organization WHERE id = $1', [project.organizationId])) as { slug: string }[];
  const shortId = formatShortId(project.slug, issue.shortIdNumber);
  const organizationSlug = org!.slug;
  return { fire, rule, issue, project, organizationSlug, shortId, issueUrl: `${publicUrl}/organizations/${encodeURIComponent(organizationSlug)}/issues/${shortId}/` };
}

/** Runs what is left to run of the fire; throws (so the queue retries) when an action failed. */
export async function runFiredAlert(app: Pick<Deps, 'db' | 'config' | 'log'>, fireId: number, executors: ActionExecutors): Promise<(ActionResult | null)[]> {
  const alert = await loadAlert(app.db, app.config.publicUrl, fireId);
  if (!alert) return [];
  const results = alert.fire.actions.map((_, i) => alert.fire.results[i] ?? null);
  let failures = 0;
  for (const [index, action] of alert.fire.actions.entries()) {
    const done = results[index];
    if (done && done.status !== 'failed') continue;
    let result: ActionResult;
    try {
      result = { type: action.type, ...(await executors[action.type](alert, action)) };
    } catch (error) {
      result = { type: action.type, status: 'failed', detail: error instanceof Error ? error.message.slice(0, 500) : String(error) };
    }
    if (result.status === 'failed') failures++;
    results[index] = result;
    await app.db.query(`UPDATE alert_fire SET results = $2 WHERE id = $1`, [fireId, JSON.stringify(results)]);
  }
  if (failures > 0) {
    app.log.warn({ fireId, failures }, 'alert.action-failed');
    throw new Error(`${failures} action(s) of alert ${fireId} failed; retrying`);
  }
  return results;
}
