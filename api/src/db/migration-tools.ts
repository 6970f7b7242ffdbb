import fs from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Query } from 'typeorm/driver/Query.js';
import { runMigrations } from './data-source.js';

export const MIGRATIONS_DIR = path.resolve('api/src/db/migrations');

/** The SQL that would bring the migrated database in line with the entities. */
async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: Query[]; down: Query[] }> {
  await runMigrations(dataSource);
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return { up: sql.upQueries, down: sql.downQueries.reverse() };
}

function callFor(q: Query): string {
  const params = q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : '';
  const sql = q.query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  return `    await queryRunner.query(\`${sql}\`${params});`;
}

/** CI's drift check: entities and committed migrations must describe the same schema. */
export async function checkMigrations(dataSource: DataSource): Promise<string[]> {
  return (await pendingSchemaChanges(dataSource)).up.map((q) => q.query);
}

/** Writes `<timestamp>-<Name>.ts` from the entity/schema difference and re-lists the migrations. */
export async function generateMigration(dataSource: DataSource, name: string): Promise<string | null> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('Migration name must be PascalCase, e.g. AddDeployTable');
  const { up, down } = await pendingSchemaChanges(dataSource);
  if (up.length === 0) return null;
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const file = path.join(MIGRATIONS_DIR, `${timestamp}-${name}.ts`);
  const body = (queries: Query[]) => queries.map(callFor).join('\n');
  await fs.writeFile(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${body(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${body(down)}
  }
}
`,
  );
  await writeMigrationIndex();
  return file;
}

async function writeMigrationIndex(): Promise<void> {
  const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f)).sort();
  const imports = files.map((f) => {
    const [timestamp, name] = f.replace(/\.ts$/, '').split('-') as [string, string];
    return { className: `${name}${timestamp}`, module: `./${f.replace(/\.ts$/, '.js')}` };
  });
  await fs.writeFile(
    path.join(MIGRATIONS_DIR, 'index.ts'),
    `// Written by \`npm run db:generate -- <Name>\`: every migration, oldest first.
${imports.map((i) => `import { ${i.className} } from '${i.module}';`).join('\n')}

export const MIGRATIONS = [${imports.map((i) => i.className).join(', ')}];
`,
  );
}
