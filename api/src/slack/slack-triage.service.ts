/**
 * Triage from Slack, as the linked member: the issue must belong to the workspace's organization
 * and the member needs `event:write`, exactly as `updateIssue` checks it. Changes go through the
 * issues domain's triage, so they record activity, publish issueUpdated and update Slack messages.
 */
import type { Deps } from '../runtime/deps.js';
import { AppError, notFound } from '../errors.js';
import { issueAccess } from '../issues/issue-access.js';
import type { Issue } from '../issues/issue.entity.js';
import { findIssueInOrganization } from '../issues/issue.service.js';
import { planTriage, triageIssues, type IssueUpdateInput } from '../issues/issue-triage.service.js';
import type { SlackMember } from './slack-member.service.js';

export type Member = Extract<SlackMember, { kind: 'member' }>;

/** The member's issue by short id or id, within the workspace's organization only. */
export async function findMemberIssue(deps: Pick<Deps, 'db'>, member: Member, idOrShortId: string): Promise<Issue> {
  const issue = await findIssueInOrganization(deps.db, member.organization.id, idOrShortId);
  await issueAccess({ access: member.control, app: deps }, issue.id, 'event:read');
  return issue;
}

/** Applies the change as the member; FORBIDDEN for a readonly member, NOT_FOUND outside the organization. */
export async function triageAsMember(deps: Pick<Deps, 'db' | 'pubsub' | 'queue'>, member: Member, issueId: number, input: IssueUpdateInput): Promise<Issue> {
  const { access, issue } = await issueAccess({ access: member.control, app: deps }, issueId, 'event:write');
  if (access.organization.id !== member.organization.id) throw notFound('Issue');
  const [updated] = await triageIssues(deps.db, deps, access, [issue.id], await planTriage(deps.db, access, input));
  if (!updated) throw notFound('Issue');
  return updated;
}

/** A domain error as a sentence for the person in Slack. */
export function explainError(error: unknown, organizationSlug: string, target?: string): string | null {
  if (!(error instanceof AppError)) return null;
  switch (error.code) {
    case 'NOT_FOUND':
      return error.message === 'Issue not found' && target
        ? `There is no issue ${target} in ${organizationSlug}.`
        : `${error.message.replace(/ not found$/, '')} not found in ${organizationSlug}.`;
    case 'FORBIDDEN':
      return `You don't have permission to do that in ${organizationSlug}: ${error.message}.`;
    case 'BAD_USER_INPUT':
    case 'CONFLICT':
      return `${error.message.replace(/\.$/, '')}.`;
    default:
      return null;
  }
}
