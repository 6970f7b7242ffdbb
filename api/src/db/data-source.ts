import { DataSource, type EntitySchema, type Logger as TypeOrmLogger } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './naming-strategy.js';

export interface DataSourceOptions {
  /** The entity classes; the composition root (`server/entities.ts`) lists them all. */
  entities: (EntitySchema | (new () => unknown))[];
  /** Maximum pooled connections of this process. */
  poolSize?: number;
  /** Sees every SQL statement; tests use it to count queries. */
  logger?: TypeOrmLogger;
}

/** The one TypeORM data source of a process. Schema changes happen only through committed migrations. */
export function createDataSource(url: string, options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: options.entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    logger: options.logger,
    extra: { max: options.poolSize ?? 10, application_name: 'vigil' },
  });
}

/** Arbitrary constant: the advisory lock that serialises migrations across Vigil processes. */
const MIGRATION_LOCK = 7_316_001;

/** Applies pending migrations; several processes starting together take turns. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}
