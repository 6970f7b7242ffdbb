import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { In, type DataSource } from 'typeorm';
import { AppError, notFound } from '../errors.js';
import { Connection, ConnectionArgs, mapConnection, type ConnectionShape } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { Issue } from '../issues/issue.entity.js';
import { IssueType } from '../issues/issue.types.js';
import { projectAccess } from '../projects/project-access.js';
import { Project } from '../projects/project.entity.js';
import { Team } from '../teams/team.entity.js';
import { AlertRule } from './alert-rule.entity.js';
import type { AlertRuleDefinition, Match } from './alert-rule.model.js';
import { AlertFireType, AlertRuleInput, AlertRuleType } from './alert-rule.types.js';
import { alertHistory, createAlertRule, deleteAlertRule, findAlertRule, listAlertRules, updateAlertRule } from './alert-rule.service.js';

const AlertFireConnection = Connection(AlertFireType, 'AlertFire');

/** The GraphQL input as a definition; team slugs become ids of the project's organization. */
async function definitionOf(db: DataSource, project: Project, input: AlertRuleInput): Promise<AlertRuleDefinition & { isActive?: boolean }> {
  const actions = [];
  for (const action of input.actions) {
    let teamId: number | undefined;
    if (action.teamSlug) {
      const team = await db.getRepository(Team).findOneBy({ organizationId: project.organizationId, slug: action.teamSlug });
      if (!team) throw notFound('Team');
      teamId = team.id;
    }
    actions.push({
      type: action.type,
      ...(action.target ? { target: action.target } : {}),
      ...(teamId !== undefined ? { teamId } : {}),
      ...(action.userId ? { userId: parseId(action.userId, 'Member') } : {}),
      ...(action.channel ? { channel: action.channel } : {}),
    });
  }
  const filters = input.filters ?? {};
  return {
    name: input.name,
    conditions: input.conditions.map((c) => ({ type: c.type, ...(c.value != null ? { value: c.value } : {}), ...(c.intervalMinutes != null ? { intervalMinutes: c.intervalMinutes } : {}) })),
    conditionMatch: (input.conditionMatch ?? 'ANY') as Match,
    filters: {
      environment: filters.environment ?? null,
      minLevel: (filters.minLevel ?? null) as AlertRuleDefinition['filters']['minLevel'],
      tags: (filters.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
      latestRelease: filters.latestRelease ?? false,
      issueOlderThanMinutes: filters.issueOlderThanMinutes ?? null,
      issueNewerThanMinutes: filters.issueNewerThanMinutes ?? null,
    },
    actions,
    frequencyMinutes: input.frequencyMinutes ?? 30,
    ...(input.isActive != null ? { isActive: input.isActive } : {}),
  };
}

async function present(db: DataSource, rules: AlertRule[]): Promise<AlertRuleType[]> {
  const teamIds = [...new Set(rules.flatMap((r) => r.actions.flatMap((a) => (a.teamId !== undefined ? [a.teamId] : []))))];
  const teams = teamIds.length > 0 ? await db.getRepository(Team).findBy({ id: In(teamIds) }) : [];
  const slugs = new Map(teams.map((t) => [t.id, t.slug]));
  return rules.map((rule) => AlertRuleType.from(rule, slugs));
}

/** A rule the caller may act on with `scope` (NOT_FOUND alike when missing or another organization's). */
async function ruleAccess(ctx: GraphQLContext, id: string, scope: 'project:read' | 'project:write') {
  ctx.access.requireViewer();
  const rule = await ctx.app.db.getRepository(AlertRule).findOneBy({ id: parseId(id, 'Alert rule') });
  if (!rule) throw notFound('Alert rule');
  // Another organization's rule reads exactly like one that does not exist.
  const { project } = await projectAccess(ctx, rule.projectId, scope).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound('Alert rule') : error;
  });
  return { rule: await findAlertRule(ctx.app.db, project, rule.id), project };
}

@Resolver(() => Project)
export class ProjectAlertRulesResolver {
  @Authorized()
  @FieldResolver(() => [AlertRuleType], { description: "The project's alert rules (project:read)." })
  async alertRules(@Ctx() ctx: GraphQLContext, @Root() project: Project): Promise<AlertRuleType[]> {
    await ctx.access.organizationById(project.organizationId, 'project:read');
    return present(ctx.app.db, await listAlertRules(ctx.app.db, project));
  }

  @Authorized()
  @Mutation(() => AlertRuleType, { description: 'Adds an alert rule to a project (project:write).' })
  async createAlertRule(@Ctx() ctx: GraphQLContext, @Arg('projectId', () => ID) projectId: string, @Arg('input') input: AlertRuleInput): Promise<AlertRuleType> {
    const { access, project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:write');
    const rule = await createAlertRule(ctx.app.db, project, await definitionOf(ctx.app.db, project, input), access.viewer.user.id);
    return (await present(ctx.app.db, [rule]))[0]!;
  }

  @Authorized()
  @Mutation(() => AlertRuleType, { description: "Replaces an alert rule's definition; its history stays." })
  async updateAlertRule(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('input') input: AlertRuleInput): Promise<AlertRuleType> {
    const { rule, project } = await ruleAccess(ctx, id, 'project:write');
    const updated = await updateAlertRule(ctx.app.db, project, rule, await definitionOf(ctx.app.db, project, input));
    return (await present(ctx.app.db, [updated]))[0]!;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes an alert rule with its history.' })
  async deleteAlertRule(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    const { rule } = await ruleAccess(ctx, id, 'project:write');
    await deleteAlertRule(ctx.app.db, rule);
    return true;
  }
}

@Resolver(() => AlertRuleType)
export class AlertRuleHistoryResolver {
  @Authorized()
  @FieldResolver(() => AlertFireConnection, { description: 'Fired alerts, newest first.' })
  async history(@Ctx() ctx: GraphQLContext, @Root() root: AlertRuleType, @Args() args: ConnectionArgs): Promise<ConnectionShape<AlertFireType>> {
    const { rule } = await ruleAccess(ctx, root.id, 'project:read');
    const page = await alertHistory(ctx.app.db, rule, args);
    const issueIds = [...new Set(page.nodes.map((f) => f.issueId))];
    const issues = issueIds.length > 0 ? await ctx.app.db.getRepository(Issue).findBy({ id: In(issueIds) }) : [];
    const issueOf = new Map(issues.map((i) => [i.id, IssueType.from(i)]));
    const rowIds = page.nodes.flatMap((f) => (f.eventRowId ? [f.eventRowId] : []));
    const events: { id: string; event_id: string }[] = rowIds.length > 0 ? await ctx.app.db.query('SELECT id::text, event_id FROM event WHERE id = ANY($1::bigint[])', [rowIds]) : [];
    const eventOf = new Map(events.map((e) => [e.id, e.event_id]));
    return mapConnection(page, (fire) => AlertFireType.from(fire, issueOf.get(fire.issueId)!, fire.eventRowId ? (eventOf.get(String(fire.eventRowId)) ?? null) : null));
  }
}
