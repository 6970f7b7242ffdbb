import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

export { MAX_PAGE_SIZE } from './page-size.js';

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
  /** True when counting stopped at a limit: `totalCount` is then "at least" (Sentry shows "1000+"). */
  totalCountIsLowerBound?: boolean;
}

export interface ConnectionTypeOptions {
  /** The list may count only up to a limit: adds `totalCountIsLowerBound`. */
  cappedCount?: boolean;
}

/** A Relay connection type for `Node`, named `<name>Connection` with `<name>Edge` edges. */
export function Connection<T extends object>(Node: ClassType<T>, name: string, options: ConnectionTypeOptions = {}): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => Node)
    node!: T;

    @Field()
    cursor!: string;
  }

  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [Node], { description: 'The nodes of `edges`, for callers that need no cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: options.cappedCount ? 'Matches, counted up to a limit (see totalCountIsLowerBound).' : undefined })
    totalCount!: number;

    totalCountIsLowerBound?: boolean;
  }
  if (options.cappedCount) {
    const description = 'True when there are more matches than counted: totalCount is then a lower bound ("1000+").';
    Field(() => Boolean, { description })(ConnectionType.prototype, 'totalCountIsLowerBound');
  }
  ObjectType(`${name}Connection`)(ConnectionType);
  return ConnectionType;
}

function pageSize(args: ConnectionArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

export interface KeysetOptions {
  /**
   * Count at most this many matches (the count of a large match costs more than the page);
   * beyond it `totalCount` is the limit and `totalCountIsLowerBound` is true.
   */
  countLimit?: number;
  /** SQL of the sort column, e.g. `i.last_seen`; ties are broken by `idColumn`. */
  sortColumn: string;
  sortType: 'timestamptz' | 'integer' | 'text';
  idColumn: string;
  direction: 'ASC' | 'DESC';
}

const KEYSET_SORT_FORMAT = {
  timestamptz: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  integer: /^-?\d{1,18}$/,
  // Slugs and names; a cursor is only ever made from a stored value (NUL cannot be stored).
  // eslint-disable-next-line no-control-regex
  text: /^[^\u0000]{0,300}$/,
};

/** Whether PostgreSQL accepts the cursor's sort value as `sortType` (a crafted one must be a 400, not a 500). */
function inRange(value: string, sortType: KeysetOptions['sortType']): boolean {
  if (sortType === 'integer') return Math.abs(Number(value)) <= 2_147_483_647;
  if (sortType === 'timestamptz') {
    // The format allows 2024-02-30 or hour 24, which JavaScript rolls over and PostgreSQL rejects.
    const time = Date.parse(value);
    return Number.isFinite(time) && !value.startsWith('0000') && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
  }
  return true;
}

export function decodeKeysetCursor(cursor: string, sortType: KeysetOptions['sortType']): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      KEYSET_SORT_FORMAT[sortType].test(value[0]) &&
      inRange(value[0], sortType) &&
      typeof value[1] === 'string' &&
      /^\d{1,18}$/.test(value[1])
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('Invalid cursor: pass the endCursor of a previous page', 'after');
}

/**
 * Keyset pagination in either direction whose cursor holds the database's own text of the sort
 * value: timestamps keep their microseconds, which a JavaScript Date would round away (and so
 * skip or repeat rows at page boundaries). Expects a query over one table (no joins).
 */
export async function paginateKeyset<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  options: KeysetOptions,
): Promise<ConnectionShape<T>> {
  const first = pageSize(args);
  const { sortColumn, sortType, idColumn, direction } = options;
  const exactSort =
    sortType === 'timestamptz'
      ? `to_char(${sortColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
      : `${sortColumn}::text`;
  const page = query.clone().addSelect(exactSort, 'cursor_sort').addSelect(`${idColumn}::text`, 'cursor_id');
  if (args.after) {
    const [sort, id] = decodeKeysetCursor(args.after, sortType);
    const op = direction === 'DESC' ? '<' : '>';
    page.andWhere(`(${sortColumn}, ${idColumn}) ${op} (CAST(:cursorSort AS ${sortType}), CAST(:cursorId AS bigint))`, {
      cursorSort: sort,
      cursorId: id,
    });
  }
  const { countLimit } = options;
  // A capped count rides along with the page as a scalar subquery (evaluated once): one round trip.
  // An exact count and the page are independent: both in flight at once (two pool connections).
  if (countLimit !== undefined) page.addSelect(`(SELECT count(*) FROM (${cappedMatches(query, countLimit).getQuery()}) capped)::int`, 'match_count');
  const [{ entities, raw }, exact] = await Promise.all([
    page
      .orderBy(sortColumn, direction)
      .addOrderBy(idColumn, direction)
      .limit(first + 1)
      .getRawAndEntities<{ cursor_sort: string; cursor_id: string; match_count?: number }>(),
    countLimit === undefined ? countMatches(query, undefined) : null,
  ]);
  const counted = async (limit: number): Promise<MatchCount> => {
    const n = raw[0]?.match_count;
    if (n !== undefined) return cappedCount(n, limit);
    // No row carried the count: nothing matches, unless the cursor is past the last match.
    return args.after ? countMatches(query, limit) : cappedCount(0, limit);
  };
  const { totalCount, totalCountIsLowerBound } = exact ?? (await counted(countLimit ?? 0));
  const nodes = entities.slice(0, first);
  const edges = nodes.map((node, index) => {
    const row = raw[index];
    return { node, cursor: Buffer.from(JSON.stringify([row?.cursor_sort, row?.cursor_id])).toString('base64url') };
  });
  return {
    edges,
    nodes,
    totalCount,
    ...(options.countLimit === undefined ? {} : { totalCountIsLowerBound }),
    pageInfo: {
      hasNextPage: entities.length > first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

interface MatchCount {
  totalCount: number;
  totalCountIsLowerBound: boolean;
}

/** The query's rows counted, up to `limit` + 1 when given (one table, so no DISTINCT is needed). */
export async function countMatches<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, limit: number | undefined): Promise<MatchCount> {
  if (limit === undefined) return { totalCount: await query.clone().getCount(), totalCountIsLowerBound: false };
  // count(*) over at most limit + 1 rows, on the caller's connection (its transaction, if any).
  const capped = cappedMatches(query, limit);
  const row = await capped
    .createQueryBuilder()
    .select('count(*)::int', 'n')
    .from(`(${capped.getQuery()})`, 'capped')
    .setParameters(capped.getParameters())
    .getRawOne<{ n: number }>();
  return cappedCount(row?.n ?? 0, limit);
}

/** At most `limit` + 1 of the query's rows, one constant column each: what a capped count counts. */
function cappedMatches<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, limit: number): SelectQueryBuilder<T> {
  return query.clone().select('1', 'one').orderBy().limit(limit + 1);
}

function cappedCount(n: number, limit: number): MatchCount {
  return n > limit ? { totalCount: limit, totalCountIsLowerBound: true } : { totalCount: n, totalCountIsLowerBound: false };
}

/** The same page with every node converted (entity rows to their GraphQL types). */
export function mapConnection<T, U>(connection: ConnectionShape<T>, convert: (node: T) => U): ConnectionShape<U> {
  const edges = connection.edges.map((edge) => ({ node: convert(edge.node), cursor: edge.cursor }));
  return { ...connection, edges, nodes: edges.map((edge) => edge.node) };
}
