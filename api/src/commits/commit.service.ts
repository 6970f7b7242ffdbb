import type { EntityManager } from 'typeorm';
import { badInput } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { FileChangeType } from './commit-file-change.entity.js';

export interface CommitFileInput {
  path: string;
  type: FileChangeType;
}

/** A commit as sentry-cli, a push webhook or the GitHub API describe it. */
export interface CommitInput {
  /** The SHA. */
  id: string;
  message?: string | null | undefined;
  authorName?: string | null | undefined;
  authorEmail?: string | null | undefined;
  /** When it was authored; now when unknown. */
  timestamp?: Date | string | null | undefined;
  /** The first parent's SHA, when known. */
  parent?: string | null | undefined;
  /** Changed files; null/undefined when unknown (a later sighting may add them). */
  files?: CommitFileInput[] | null | undefined;
}

export interface RecordCommitsInput {
  organizationId: number;
  repositoryId: number;
  commits: CommitInput[];
}

export interface RecordedCommits {
  /** The row id of every input commit, in input order. */
  commitIds: number[];
  /** The ids of rows this call created (the ones 'commits.process' was enqueued for). */
  createdIds: number[];
}

const COMMIT_KEY = /^[A-Za-z0-9._-]{1,64}$/;
const FILE_TYPES: ReadonlySet<string> = new Set(['A', 'M', 'D']);
// PostgreSQL text cannot hold NUL.
const stripNul = (value: string): string => value.replaceAll('\u0000', '');

export function assertCommitKey(value: unknown, field = 'id'): string {
  if (typeof value !== 'string' || !COMMIT_KEY.test(value)) {
    throw badInput(`"${String(value)}" is not a valid commit id (1-64 letters, digits, ".", "_" or "-")`, field);
  }
  return value;
}

function cleanText(value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  const text = stripNul(value).trim().slice(0, max);
  return text === '' ? null : text;
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value == null || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  // PostgreSQL's timestamptz holds 4713 BC to 294276 AD; commits are nowhere near either end.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9999) {
    throw badInput(`"${String(value)}" is not a valid commit timestamp`, 'timestamp');
  }
  return date;
}

interface NormalizedCommit {
  key: string;
  parent: string | null;
  message: string;
  authorName: string | null;
  authorEmail: string | null;
  date: Date | null;
  files: CommitFileInput[] | null;
}

function normalizeCommit(input: CommitInput): NormalizedCommit {
  const files = input.files?.map((file) => {
    if (typeof file.path !== 'string' || file.path === '' || !FILE_TYPES.has(file.type)) {
      throw badInput(`Invalid file change ${JSON.stringify(file)} in commit ${input.id} (path, type A|M|D)`, 'files');
    }
    return { path: stripNul(file.path).slice(0, 1024), type: file.type };
  });
  return {
    key: assertCommitKey(input.id),
    parent: input.parent ? assertCommitKey(input.parent, 'parent') : null,
    message: input.message ? stripNul(input.message) : '',
    authorName: cleanText(input.authorName, 200),
    authorEmail: cleanText(input.authorEmail, 254)?.toLowerCase() ?? null,
    date: toDate(input.timestamp),
    files: files ?? null,
  };
}

/** The same SHA twice in one call: the first sighting wins, later ones only fill its gaps. */
function mergeDuplicates(commits: NormalizedCommit[]): NormalizedCommit[] {
  const byKey = new Map<string, NormalizedCommit>();
  for (const commit of commits) {
    const seen = byKey.get(commit.key);
    if (!seen) {
      byKey.set(commit.key, { ...commit });
      continue;
    }
    seen.parent ??= commit.parent;
    seen.message ||= commit.message;
    seen.authorName ??= commit.authorName;
    seen.authorEmail ??= commit.authorEmail;
    seen.date ??= commit.date;
    seen.files ??= commit.files;
  }
  return [...byKey.values()];
}

/**
 * Upserts commits of one repository with their file changes. A commit seen before keeps what it
 * has and gains what it lacked (a parent, a message, an author, files). Enqueues 'commits.process'
 * for the newly created ones in the caller's transaction, so the job sees committed rows only.
 */
export async function recordCommits(tx: EntityManager, queue: JobQueue, input: RecordCommitsInput): Promise<RecordedCommits> {
  if (input.commits.length === 0) return { commitIds: [], createdIds: [] };
  const normalized = input.commits.map(normalizeCommit);
  // Sorted by SHA so concurrent upserts of overlapping sets lock rows in the same order.
  const unique = mergeDuplicates(normalized).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows: { id: number; key: string; created: boolean }[] = await tx.query(
    `INSERT INTO commit (organization_id, repository_id, key, parent_key, message, author_name, author_email, date_added)
     SELECT $1, $2, c.key, c.parent_key, c.message, c.author_name, c.author_email, COALESCE(c.date_added, now())
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
       WITH ORDINALITY AS c(key, parent_key, message, author_name, author_email, date_added, n)
     ORDER BY c.n
     ON CONFLICT (repository_id, key) DO UPDATE SET
       parent_key = COALESCE(commit.parent_key, EXCLUDED.parent_key),
       message = CASE WHEN commit.message = '' THEN EXCLUDED.message ELSE commit.message END,
       author_name = COALESCE(commit.author_name, EXCLUDED.author_name),
       author_email = COALESCE(commit.author_email, EXCLUDED.author_email)
     RETURNING id, key, (xmax = 0) AS created`,
    [
      input.organizationId,
      input.repositoryId,
      unique.map((c) => c.key),
      unique.map((c) => c.parent),
      unique.map((c) => c.message),
      unique.map((c) => c.authorName),
      unique.map((c) => c.authorEmail),
      unique.map((c) => c.date?.toISOString() ?? null),
    ],
  );
  const idByKey = new Map(rows.map((row) => [row.key, row.id]));
  const files = unique.flatMap((c) => (c.files ?? []).map((file) => ({ commitId: idByKey.get(c.key)!, ...file })));
  if (files.length > 0) {
    await tx.query(
      `INSERT INTO commit_file_change (organization_id, commit_id, filename, type)
       SELECT $1, f.commit_id, f.filename, f.type FROM unnest($2::int[], $3::text[], $4::text[]) AS f(commit_id, filename, type)
       ORDER BY f.commit_id, f.filename
       ON CONFLICT (commit_id, filename) DO NOTHING`,
      [input.organizationId, files.map((f) => f.commitId), files.map((f) => f.path), files.map((f) => f.type)],
    );
  }
  const createdIds = rows.filter((row) => row.created).map((row) => row.id).sort((a, b) => a - b);
  if (createdIds.length > 0) await queue.add('commits.process', { commitIds: createdIds }, { runner: tx });
  return { commitIds: normalized.map((c) => idByKey.get(c.key)!), createdIds };
}
