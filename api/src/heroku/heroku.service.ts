import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { HerokuDeploy } from '../../../integrations/src/heroku/webhook.js';
import type { Deps } from '../runtime/deps.js';
import type { OrgAccess } from '../auth/access.js';
import { createDeploy } from '../deploys/deploy.service.js';
import { badInput, notFound } from '../errors.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { updateRelease } from '../commits/release-commits.service.js';
import { upsertRelease } from '../releases/release.service.js';
import { findRepositoryByName } from '../repositories/repository.service.js';
import { Repository } from '../repositories/repository.entity.js';
import { HerokuIntegration } from './heroku-integration.entity.js';

export interface HerokuHookUrls {
  /** For `heroku webhooks:add -i api:release -l notify -u <url> -t <secret>`. */
  webhookUrl: string;
  /** For the legacy HTTP deploy hook add-on (`heroku addons:create deployhooks:http --url=<url>`). */
  deployHookUrl: string;
}

export function herokuHookUrls(publicUrl: string, integration: HerokuIntegration): HerokuHookUrls {
  return {
    webhookUrl: `${publicUrl}/hooks/heroku/${integration.projectId}/`,
    deployHookUrl: `${publicUrl}/hooks/heroku/${integration.projectId}/deploy-hook/?secret=${integration.webhookSecret}`,
  };
}

/** Connects (or reconfigures) Heroku for a project; a new secret is issued each time and shown once. */
export async function connectHeroku(
  db: DataSource,
  access: OrgAccess,
  project: Project,
  input: { repository: string; environment?: string | null },
): Promise<HerokuIntegration> {
  const repository = await findRepositoryByName(db, access.organization.id, input.repository);
  if (!repository) throw badInput(`Unknown repository "${input.repository}": connect it first`, 'repository');
  const environment = (input.environment ?? 'production').trim();
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(environment)) throw badInput(`"${environment}" is not a valid environment name`, 'environment');
  const integration = db.getRepository(HerokuIntegration).create({
    projectId: project.id,
    repositoryId: repository.id,
    environment,
    webhookSecret: randomBytes(24).toString('hex'),
  });
  return db.getRepository(HerokuIntegration).save(integration);
}

export async function findHeroku(db: DataSource, projectId: number): Promise<HerokuIntegration | null> {
  return Number.isInteger(projectId) && projectId > 0 && projectId < 2 ** 31 ? db.getRepository(HerokuIntegration).findOneBy({ projectId }) : null;
}

/**
 * A deploy Heroku announced: the release named by the deployed commit gets the range
 * `repo@previous..commit` as refs (which pulls its commits and resolves their "Fixes"), and a
 * deploy in the configured environment (which sends the deploy emails).
 */
export async function recordHerokuDeploy(app: Deps, integration: HerokuIntegration, deploy: HerokuDeploy): Promise<string> {
  const project = await app.db.getRepository(Project).findOneBy({ id: integration.projectId, status: 'active' });
  const repository = await app.db.getRepository(Repository).findOneBy({ id: integration.repositoryId });
  if (!project || !repository) throw notFound('Project');
  const organization = await app.db.getRepository(Organization).findOneByOrFail({ id: project.organizationId });
  // The hook's secret is the authority here: it acts for the organization, not for a person.
  const scope = { organization };
  const version = deploy.commit;
  await upsertRelease(app, scope, { version, projects: [project.slug], dateReleased: new Date() });
  const release = await updateRelease(app, scope, version, {
    refs: [{ repository: repository.name, commit: deploy.commit, previousCommit: deploy.previousCommit }],
  });
  await createDeploy(app, scope, release, { environment: integration.environment, name: deploy.app, url: deploy.url });
  return version;
}
