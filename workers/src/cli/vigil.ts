import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { loadSymbols } from './symbols-command.js';
import { bootstrap, dbCheck, dbGenerate, emitSchema, migrate, start, worker } from './commands.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

const program = new Command('vigil')
  .description('Self-hosted error tracking for the Sentry SDKs and sentry-cli.')
  .showHelpAfterError();

program
  .command('start')
  .description('Run the web server (GraphQL, ingestion, dashboard) and the job workers')
  .option('--no-workers', 'serve requests only; run `vigil worker` processes separately')
  .option('--concurrency <n>', 'parallel jobs per job kind', positiveInt, 2)
  .action((options: { workers: boolean; concurrency: number }) => start(options));

program
  .command('worker')
  .description('Run job workers only (several may share one database)')
  .option('--concurrency <n>', 'parallel jobs per job kind', positiveInt, 2)
  .action((options: { concurrency: number }) => worker(options));

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(() => migrate());

program
  .command('bootstrap')
  .description('Create or reuse a user, organization, project and DSN key, and issue an API token')
  .requiredOption('--org <slug>', 'organization slug')
  .requiredOption('--project <slug>', 'project slug')
  .requiredOption('--email <email>', 'the owner\'s email (their login)')
  .option('--password <password>', 'set this password (default: keep an existing one, or generate one)')
  .option('--json', 'print one JSON object', false)
  .action((options: { org: string; project: string; email: string; password?: string; json: boolean }) => bootstrap(options));

program
  .command('symbols:load')
  .description('Load system symbols of an OS build (e.g. iOS_10.3.1_14E304) from Breakpad or debug files, for every organization')
  .argument('<sdk-id>', 'OS name, version and build: iOS_10.3.1_14E304')
  .argument('<files...>', 'Breakpad .sym files, debug files, or zip archives of them')
  .action((sdkId: string, files: string[]) => loadSymbols(sdkId, files));

program
  .command('db:generate')
  .description('(development) write a migration for entity changes')
  .argument('<name>', 'PascalCase migration name, e.g. AddDeployTable')
  .action((name: string) => dbGenerate(name));

program
  .command('db:check')
  .description('(development) fail when entities and migrations differ')
  .action(() => dbCheck());

program
  .command('schema:emit')
  .description('(development) write schema/schema.graphql from the code')
  .option('--check', 'fail instead of writing when the committed file differs', false)
  .action((options: { check: boolean }) => emitSchema(options));

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`vigil: ${message}\n`);
  process.exit(1);
});
