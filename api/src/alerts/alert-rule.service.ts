/** Alert rules of a project: create, update, delete, list, history. Callers authorize the project first. */
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, notFound } from '../errors.js';
import { paginateKeyset, type ConnectionArgs, type ConnectionShape } from '../graphql/connection.js';
import { Membership } from '../organizations/membership.entity.js';
import type { Project } from '../projects/project.entity.js';
import { Team } from '../teams/team.entity.js';
import { AlertFire } from './alert-fire.entity.js';
import { AlertRule } from './alert-rule.entity.js';
import { checkRuleDefinition, MAX_ACTIONS, type AlertRuleDefinition } from './alert-rule.model.js';

export const MAX_RULES_PER_PROJECT = 100;

/** Email targets must be of the project's organization (NOT_FOUND like anything else that is not). */
async function checkTargets(db: DataSource | EntityManager, project: Project, definition: AlertRuleDefinition): Promise<void> {
  for (const action of definition.actions.slice(0, MAX_ACTIONS)) {
    if (action.teamId !== undefined && !(await db.getRepository(Team).existsBy({ id: action.teamId, organizationId: project.organizationId }))) throw notFound('Team');
    if (action.userId !== undefined && !(await db.getRepository(Membership).existsBy({ userId: action.userId, organizationId: project.organizationId }))) throw notFound('Member');
  }
}

export async function createAlertRule(db: DataSource, project: Project, input: AlertRuleDefinition & { isActive?: boolean }, userId: number | null): Promise<AlertRule> {
  const definition = checkRuleDefinition(input);
  await checkTargets(db, project, definition);
  const repo = db.getRepository(AlertRule);
  if ((await repo.countBy({ projectId: project.id })) >= MAX_RULES_PER_PROJECT) throw badInput(`A project has at most ${MAX_RULES_PER_PROJECT} alert rules`);
  return repo.save(repo.create({ ...definition, projectId: project.id, isActive: input.isActive ?? true, createdByUserId: userId }));
}

export async function findAlertRule(db: DataSource, project: Project, ruleId: number): Promise<AlertRule> {
  const rule = await db.getRepository(AlertRule).findOneBy({ id: ruleId, projectId: project.id });
  if (!rule) throw notFound('Alert rule');
  return rule;
}

/** Replaces the rule's definition (Sentry's PUT); the history and last-fired times stay. */
export async function updateAlertRule(db: DataSource, project: Project, rule: AlertRule, input: AlertRuleDefinition & { isActive?: boolean }): Promise<AlertRule> {
  const definition = checkRuleDefinition(input);
  await checkTargets(db, project, definition);
  await db.getRepository(AlertRule).update(rule.id, { ...definition, isActive: input.isActive ?? rule.isActive });
  return db.getRepository(AlertRule).findOneByOrFail({ id: rule.id });
}

export async function deleteAlertRule(db: DataSource, rule: AlertRule): Promise<void> {
  await db.getRepository(AlertRule).delete(rule.id);
}

export function listAlertRules(db: DataSource, project: Project): Promise<AlertRule[]> {
  return db.getRepository(AlertRule).find({ where: { projectId: project.id }, order: { id: 'ASC' } });
}

/** Fired alerts of the rule, newest first. */
export function alertHistory(db: DataSource, rule: AlertRule, args: ConnectionArgs): Promise<ConnectionShape<AlertFire>> {
  const query = db.getRepository(AlertFire).createQueryBuilder('f').where('f.rule_id = :ruleId', { ruleId: rule.id });
  return paginateKeyset(query, args, { sortColumn: 'f.fired_at', sortType: 'timestamptz', idColumn: 'f.id', direction: 'DESC' });
}
