import { DataSource, MigrationExecutor, type EntitySchema, type Logger as TypeOrmLogger } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './naming-strategy.js';

export interface DataSourceOptions {
  /** The entity classes; the composition root (`server/entities.ts`) lists them all. */
  entities: (EntitySchema | (new () => unknown))[];
  /** Maximum pooled connections of this process. */
  poolSize?: number;
  /** Sees every SQL statement; tests use it to count queries. */
  logger?: TypeOrmLogger;
  /** PostgreSQL's `statement_timeout` for every pooled connection; 0 or unset: none. */
  statementTimeoutMs?: number;
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
    // Sent in the startup packet, so every statement on every pooled connection is bounded.
    extra: { max: options.poolSize ?? 10, application_name: 'vigil', ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}) },
  });
}

/** Arbitrary constant: the advisory lock that serialises migrations across Vigil processes. */
export const MIGRATION_LOCK = 7_316_001;

/**
 * Applies pending migrations; several processes starting together take turns. Waiting for the
 * lock and migrating big tables may take longer than requests may, so this session has no
 * statement timeout.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const session = dataSource.createQueryRunner();
  await session.connect();
  try {
    await session.query('SET statement_timeout = 0');
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const executor = new MigrationExecutor(dataSource, session);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await session.query('RESET statement_timeout').catch(() => undefined);
    await session.release();
  }
}
