import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors.js';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1-${MAX_PAGE_SIZE} (default 25).` })
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
}

/** A Relay connection type for `Node`, named `<name>Connection` with `<name>Edge` edges. */
export function Connection<T extends object>(Node: ClassType<T>, name: string): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => Node)
    node!: T;

    @Field()
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [Node], { description: 'The nodes of `edges`, for callers that need no cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
}

type SortValue = string | number;

function encodeCursor(sort: SortValue, id: number): string {
  return Buffer.from(JSON.stringify([sort, id])).toString('base64url');
}

function decodeCursor(cursor: string): [SortValue, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isInteger(value[1])) return value as [SortValue, number];
  } catch {
    // fall through to the error below
  }
  throw badInput('Invalid cursor: pass the endCursor of a previous page', 'after');
}

export interface PaginateOptions<T> {
  /** `alias.column` to order by; ties are broken by `alias.id`. */
  sortColumn: string;
  sortValue: (row: T) => SortValue;
  idColumn: string;
}

/** Keyset pagination over a query: stable under inserts, one query for the page and one for the count. */
export async function paginate<T extends ObjectLiteral & { id: number }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  options: PaginateOptions<T>,
): Promise<ConnectionShape<T>> {
  const first = args.first ?? 25;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  const totalCount = await query.clone().getCount();
  const page = query.clone();
  if (args.after) {
    const [sort, id] = decodeCursor(args.after);
    page.andWhere(`(${options.sortColumn}, ${options.idColumn}) > (:cursorSort, :cursorId)`, { cursorSort: sort, cursorId: id });
  }
  const rows = await page.orderBy(options.sortColumn, 'ASC').addOrderBy(options.idColumn, 'ASC').limit(first + 1).getMany();
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(options.sortValue(node), node.id) }));
  return {
    edges,
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
