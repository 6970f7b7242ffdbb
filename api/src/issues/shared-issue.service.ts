import type { DataSource } from 'typeorm';
import type { ExceptionValue, StackFrame } from '../events/event.types.js';
import { eventPayload } from '../events/event-payload.js';
import { latestEvents } from '../events/event.service.js';
import { Project } from '../projects/project.entity.js';
import { isShareId } from './issue-sharing.js';
import { Issue } from './issue.entity.js';
import { formatShortId } from './short-id.js';

/** A frame as a shared page shows it: where, and the code around it; never local variables. */
export type SharedFrame = Pick<StackFrame, 'function' | 'filename' | 'module' | 'lineno' | 'colno' | 'inApp' | 'contextLine' | 'preContext' | 'postContext'>;

export interface SharedException {
  type: string | null;
  value: string | null;
  frames: SharedFrame[];
}

/**
 * What anyone holding a share link may see: the issue's headline, counts and the latest event's
 * exceptions. No tags, user, request, breadcrumbs, contexts, releases or other issues: those carry
 * the data people share links without thinking about.
 */
export interface SharedIssueView {
  shortId: string;
  title: string;
  culprit: string;
  level: string;
  platform: string;
  projectName: string;
  count: number;
  userCount: number;
  firstSeen: Date;
  lastSeen: Date;
  exceptions: SharedException[];
  message: string | null;
}

function sharedFrame(frame: StackFrame): SharedFrame {
  const { function: fn, filename, module, lineno, colno, inApp, contextLine, preContext, postContext } = frame;
  return { function: fn, filename, module, lineno, colno, inApp, contextLine, preContext, postContext };
}

function sharedException(exception: ExceptionValue): SharedException {
  return { type: exception.type ?? null, value: exception.value ?? null, frames: exception.frames.map(sharedFrame) };
}

/** The view behind a share id, or null when no issue of an active project is shared under it. */
export async function findSharedIssue(db: DataSource, shareId: string): Promise<SharedIssueView | null> {
  if (!isShareId(shareId)) return null;
  const issue = await db.getRepository(Issue).findOneBy({ shareId });
  if (!issue) return null;
  const project = await db.getRepository(Project).findOneBy({ id: issue.projectId, status: 'active' });
  if (!project) return null;
  const [latest] = await latestEvents(db, [issue.id]);
  const event = latest ? eventPayload(latest) : undefined;
  return {
    shortId: formatShortId(project.slug, issue.shortIdNumber),
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level,
    platform: issue.platform,
    projectName: project.name,
    count: issue.timesSeen,
    userCount: issue.userCount,
    firstSeen: issue.firstSeen,
    lastSeen: issue.lastSeen,
    exceptions: (event?.exceptions ?? []).map(sharedException),
    message: event?.message ?? null,
  };
}
