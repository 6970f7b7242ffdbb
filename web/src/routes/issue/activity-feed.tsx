import { useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { Avatar } from '../../components/avatar';
import { Markdown } from '../../components/markdown';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { ActivityAddedSubscription, AddCommentMutation, DeleteCommentMutation, UpdateCommentMutation } from '../../graphql/documents/collaboration';
import { RelativeTime } from '../../components/relative-time';
import { IssueActivityQuery } from '../../graphql/documents/issue';
import type { ActivityType } from '../../graphql/generated/graphql';
import { formatWindow } from '../../lib/time';
import { CommentBox } from './comment-box';

const str = (value: unknown): string | null => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);

/** One sentence per activity entry. */
export function describeActivity(type: ActivityType, data: Record<string, unknown>): string {
  switch (type) {
    case 'NOTE':
      return 'commented';
    case 'FIRST_SEEN':
      return 'first saw this issue';
    case 'SET_RESOLVED':
      return 'resolved the issue';
    case 'SET_RESOLVED_IN_NEXT_RELEASE':
      return `resolved the issue in the next release${str(data.version) ? ` (after ${str(data.version)})` : ''}`;
    case 'SET_RESOLVED_IN_RELEASE':
      return `marked the issue resolved in ${str(data.version) ?? 'a release'}`;
    case 'SET_RESOLVED_IN_COMMIT':
      return `linked commit ${str(data.commit)?.slice(0, 7) ?? ''}${str(data.repository) ? ` in ${str(data.repository)}` : ''}, which resolves it when released`;
    case 'SET_UNRESOLVED':
      return 'marked the issue unresolved';
    case 'SET_REGRESSION':
      return `marked the issue as a regression${str(data.version) ? ` in ${str(data.version)}` : ''}`;
    case 'SET_IGNORED': {
      const minutes = typeof data.ignoreDuration === 'number' ? data.ignoreDuration : null;
      if (minutes) return `ignored the issue for ${formatWindow(minutes * 60)}`;
      if (typeof data.ignoreCount === 'number') return `ignored the issue until ${data.ignoreCount} more events`;
      return 'ignored the issue';
    }
    case 'ASSIGNED':
      return `assigned the issue to ${data.assigneeType === 'team' ? `#${str(data.teamSlug) ?? 'a team'}` : (str(data.assigneeEmail) ?? 'someone')}`;
    case 'UNASSIGNED':
      return 'unassigned the issue';
    case 'BOOKMARKED':
      return 'bookmarked the issue';
    case 'UNBOOKMARKED':
      return 'removed the bookmark';
    case 'SET_PUBLIC':
      return 'shared the issue publicly';
    case 'SET_PRIVATE':
      return 'stopped sharing the issue';
    case 'DELETED':
      return 'deleted the issue';
    case 'MERGE': {
      const merged = Array.isArray(data.issues) ? data.issues.map((i) => str((i as { shortId?: unknown }).shortId)).filter(Boolean) : [];
      return `merged ${merged.length > 0 ? merged.join(', ') : 'issues'} into this issue`;
    }
    case 'UNMERGE': {
      const count = Array.isArray(data.hashes) ? data.hashes.length : 0;
      const hashes = `${count} hash${count === 1 ? '' : 'es'}`;
      const destination = str((data.destination as { shortId?: unknown } | undefined)?.shortId);
      const source = str((data.source as { shortId?: unknown } | undefined)?.shortId);
      return destination ? `unmerged ${hashes} into ${destination}` : `split ${hashes} off ${source ?? 'another issue'} into this issue`;
    }
  }
}

/** The issue's history with its comments, newest first, live; members comment with @ and # autocomplete. */
export function ActivityFeed({ org, shortId, issueId, writable }: { org: string; shortId: string; issueId: string; writable: boolean }) {
  const [result] = useQuery({ query: IssueActivityQuery, variables: { org, shortId } });
  const [adding, addComment] = useMutation(AddCommentMutation);
  // Others' comments and changes arrive live: the cache drops the list (graphql/cache.ts) and this refetches it.
  useSubscription({ query: ActivityAddedSubscription, variables: { issueId } });
  return (
    <section className="sidebar-section" aria-label="Activity">
      <h3>Activity</h3>
      {writable && (
        <>
          {adding.error && <ErrorMessage error={adding.error} />}
          <CommentBox
            org={org}
            label="Comment"
            submitLabel="Comment"
            busy={adding.fetching}
            onSubmit={async (text) => !(await addComment({ issueId, text })).error}
          />
        </>
      )}
      <QueryResult result={result}>
        {(data) => {
          const entries = data.organization.issue.activity.nodes;
          return entries.length === 0 ? (
            <p className="muted">Nothing yet.</p>
          ) : (
            <ul className="activity">
              {entries.map((entry) => (
                <li key={entry.id} className={entry.type === 'NOTE' ? 'comment' : undefined}>
                  {entry.user ? <Avatar assignee={{ __typename: 'User', ...entry.user }} /> : <span className="avatar">V</span>}
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <strong>{entry.user ? entry.user.name || entry.user.email : 'Vigil'}</strong> {describeActivity(entry.type, entry.data)}
                    <div className="faint" style={{ fontSize: '0.85em' }}>
                      <RelativeTime date={entry.dateCreated} />
                      {entry.type === 'NOTE' && typeof entry.data.editedAt === 'string' && ' (edited)'}
                    </div>
                    {entry.type === 'NOTE' && (
                      <Comment org={org} id={entry.id} text={str(entry.data.text) ?? ''} editable={writable && (entry.user?.id === data.viewer?.id || data.organization.viewerRole === 'OWNER' || data.organization.viewerRole === 'ADMIN')} />
                    )}
                  </div>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryResult>
    </section>
  );
}

function Comment({ org, id, text, editable }: { org: string; id: string; text: string; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  const [updating, update] = useMutation(UpdateCommentMutation);
  const [deleting, remove] = useMutation(DeleteCommentMutation);
  if (editing) {
    return (
      <>
        {updating.error && <ErrorMessage error={updating.error} />}
        <CommentBox
          org={org}
          label="Edit comment"
          initialText={text}
          submitLabel="Save"
          busy={updating.fetching}
          onCancel={() => setEditing(false)}
          onSubmit={async (next) => {
            const ok = !(await update({ id, text: next })).error;
            if (ok) setEditing(false);
            return ok;
          }}
        />
      </>
    );
  }
  return (
    <div className="comment-body">
      <Markdown text={text} />
      {deleting.error && <ErrorMessage error={deleting.error} />}
      {editable && (
        <div className="comment-tools">
          <button type="button" className="link" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" className="link" disabled={deleting.fetching} onClick={() => window.confirm('Delete this comment?') && void remove({ id })}>
            Delete
          </button>
        </div>
      )}
    </div>
  );
}
