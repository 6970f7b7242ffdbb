import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NormalizedCommit } from '../../../schema/src/commits.js';

/** What a GitHub delivery means to Vigil. */
export type GithubDelivery =
  | { kind: 'push'; repository: { fullName: string; url: string }; ref: string; before: string; after: string; commits: NormalizedCommit[] }
  | { kind: 'ping'; zen: string | null }
  | { kind: 'ignored'; event: string };

const NULL_SHA = /^0+$/;

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks `X-Hub-Signature-256` against the body's exact bytes with the repository's secret
 * (constant time). Bytes, not decoded text: bodies that decode alike must not share a signature.
 */
export function verifyGithubSignature(secret: string, rawBody: Buffer, signature: string | undefined): boolean {
  const given = SIGNATURE.exec(signature ?? '')?.[1];
  if (!given) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}

interface PushCommit {
  id: string;
  message: string;
  timestamp: string;
  author?: { name?: string; email?: string };
  added?: string[];
  modified?: string[];
  removed?: string[];
}

/**
 * Normalizes a verified delivery. A push lists its commits oldest first, so each commit's parent
 * is the one before it, and the first commit's parent is `before` (unless the branch is new).
 */
export function parseGithubDelivery(event: string, payload: unknown): GithubDelivery {
  const body = (payload ?? {}) as Record<string, unknown>;
  if (event === 'ping') return { kind: 'ping', zen: typeof body.zen === 'string' ? body.zen : null };
  if (event !== 'push') return { kind: 'ignored', event };
  const repository = (body.repository ?? {}) as { full_name?: string; html_url?: string };
  const before = typeof body.before === 'string' ? body.before : '';
  const commits = (Array.isArray(body.commits) ? body.commits : []) as PushCommit[];
  let parent: string | null = NULL_SHA.test(before) || !before ? null : before;
  return {
    kind: 'push',
    repository: { fullName: repository.full_name ?? '', url: repository.html_url ?? '' },
    ref: typeof body.ref === 'string' ? body.ref : '',
    before,
    after: typeof body.after === 'string' ? body.after : '',
    commits: commits.map((commit) => {
      const normalized: NormalizedCommit = {
        id: commit.id,
        message: commit.message ?? '',
        authorName: commit.author?.name ?? null,
        authorEmail: commit.author?.email?.toLowerCase() ?? null,
        timestamp: new Date(commit.timestamp),
        parent,
        files: [
          ...(commit.added ?? []).map((path) => ({ path, type: 'A' as const })),
          ...(commit.modified ?? []).map((path) => ({ path, type: 'M' as const })),
          ...(commit.removed ?? []).map((path) => ({ path, type: 'D' as const })),
        ],
      };
      parent = commit.id;
      return normalized;
    }),
  };
}
