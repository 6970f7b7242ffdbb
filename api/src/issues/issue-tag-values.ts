import type { DataSource } from 'typeorm';
import { badInput } from '../errors.js';
import type { ConnectionArgs, ConnectionShape } from '../graphql/connection.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql/page-size.js';
import { tagValueSource } from './issue-environment-stats.js';

export interface TagValueCount {
  value: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

export interface TagValuePage extends ConnectionShape<TagValueCount> {
  /** Events that had the tag (what a value's share is of). */
  totalEvents: number;
}

function decodeCursor(cursor: string): { count: number; value: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && Number.isSafeInteger(parsed[0]) && typeof parsed[1] === 'string' && !parsed[1].includes('\u0000')) {
      return { count: parsed[0] as number, value: parsed[1] };
    }
  } catch {
    // the error below
  }
  throw badInput('Invalid cursor: pass the endCursor of a previous page', 'after');
}

const encodeCursor = (row: TagValueCount) => Buffer.from(JSON.stringify([row.count, row.value])).toString('base64url');

/** Every value of one tag key on an issue (in every environment or one), most frequent first, by keyset pages. */
export async function issueTagValues(
  db: DataSource,
  issueId: number,
  key: string,
  environment: string | null,
  page: ConnectionArgs,
): Promise<TagValuePage> {
  const first = page.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  if (key.includes('\u0000')) throw badInput('A tag key cannot contain NUL', 'key');
  const after = page.after ? decodeCursor(page.after) : null;
  const rows: { value: string | null; count: number | null; first_seen: Date; last_seen: Date; uniques: number; events: string }[] = await db.query(
    `WITH src AS (SELECT value, count, first_seen, last_seen FROM (${tagValueSource(environment)}) s WHERE key = $2),
          totals AS (SELECT COUNT(*)::int AS uniques, COALESCE(SUM(count), 0) AS events FROM src)
     SELECT p.*, totals.uniques, totals.events FROM totals LEFT JOIN LATERAL (
       SELECT * FROM src WHERE $5::int IS NULL OR src.count < $5 OR (src.count = $5 AND src.value > $6)
        ORDER BY src.count DESC, src.value LIMIT $3) p ON true`,
    [issueId, key, first + 1, environment, after?.count ?? null, after?.value ?? null],
  );
  const found = rows
    .filter((r) => r.value !== null)
    .map((r) => ({ value: r.value!, count: r.count!, firstSeen: r.first_seen, lastSeen: r.last_seen }));
  const nodes = found.slice(0, first);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(node) }));
  return {
    edges,
    nodes,
    totalCount: rows[0]?.uniques ?? 0,
    totalEvents: Number(rows[0]?.events ?? 0),
    pageInfo: {
      hasNextPage: found.length > first,
      hasPreviousPage: Boolean(page.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
