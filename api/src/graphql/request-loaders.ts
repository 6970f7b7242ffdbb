import DataLoaderClass from 'dataloader';
import type DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type FindOptionsWhere } from 'typeorm';

/** How a domain makes one of its DataLoaders (see `issues/issue.loaders.ts`, …). */
export type LoaderFactory<K, V, C = K> = (db: DataSource) => DataLoader<K, V, C>;

/**
 * The DataLoaders of one operation, made on first use. Domains define their loaders beside
 * their entities; this cache only knows that there is one instance per factory per operation.
 */
export class RequestLoaders {
  private readonly loaders = new Map<LoaderFactory<unknown, unknown, unknown>, DataLoader<unknown, unknown, unknown>>();

  constructor(private readonly db: DataSource) {}

  get<K, V, C>(factory: LoaderFactory<K, V, C>): DataLoader<K, V, C> {
    const key = factory as LoaderFactory<unknown, unknown, unknown>;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = factory(this.db) as DataLoader<unknown, unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V, C>;
  }

  /** Forget everything loaded, e.g. before a long-lived subscription delivers its next event. */
  clear(): void {
    this.loaders.clear();
  }
}

/** Groups `rows` by `key` in the order of `ids` (an empty list where none). */
export function groupByIds<T>(rows: T[], key: (row: T) => number, ids: readonly number[]): T[][] {
  const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(key(row))?.push(row);
  return ids.map((id) => groups.get(id) ?? []);
}

/** A loader of `entity` rows by id, in the order asked (undefined where missing). */
export function byIdLoader<T extends { id: number }>(entity: EntityTarget<T>): LoaderFactory<number, T | undefined> {
  return (db) =>
    new DataLoaderClass(async (ids) => {
      const rows = await db.getRepository(entity).findBy({ id: In([...ids]) } as FindOptionsWhere<T>);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    });
}
