/**
 * Which GitHub credentials may read a connected repository. Connecting `owner/repo` proves
 * nothing about it (anyone may create an organization and type any name), so:
 *   1. the organization's own token (`setGithubToken`), when it has one: GitHub decides what it reads;
 *   2. else the installation's `GITHUB_TOKEN`, only when that token can see this repository's
 *      Vigil webhook (`/hooks/github/{id}/`) in the repository's settings on GitHub: only an
 *      admin of the repository can have put it there, for this very organization's row;
 *   3. else no token at all, so only public repositories can be read.
 */
import type { DataSource } from 'typeorm';
import { GithubClient } from '../../../integrations/src/github/client.js';
import type { OrgAccess } from '../auth/access.js';
import type { Config } from '../config.js';
import { badInput } from '../errors.js';
import type { Logger } from '../logger.js';
import { githubWebhookUrl } from './repository.service.js';
import { credentialKey, seal, unseal } from './credential-cipher.js';
import { GithubCredential } from './github-credential.entity.js';
import type { Repository } from './repository.entity.js';

type GithubConfig = Pick<Config, 'github' | 'publicUrl' | 'secretKey' | 'dataDir'>;

// GitHub tokens are printable ASCII without spaces (ghp_…, github_pat_…, gho_…, classic 40-hex).
const TOKEN = /^[\x21-\x7e]{1,255}$/;

const sealContext = (organizationId: number) => `github-token:organization:${organizationId}`;

/** Stores (or, with null/empty, removes) the organization's GitHub token. The caller checks org:write. */
export async function setGithubToken(db: DataSource, config: GithubConfig, access: OrgAccess, token: string | null): Promise<boolean> {
  const organizationId = access.organization.id;
  const value = token?.trim() ?? '';
  if (value === '') {
    await db.getRepository(GithubCredential).delete({ organizationId });
    return false;
  }
  if (!TOKEN.test(value)) throw badInput('A GitHub token is up to 255 printable characters without spaces', 'token');
  const tokenSealed = seal(await credentialKey(config), value, sealContext(organizationId));
  await db.getRepository(GithubCredential).upsert({ organizationId, tokenSealed }, ['organizationId']);
  return true;
}

export async function hasGithubToken(db: DataSource, organizationId: number): Promise<boolean> {
  return db.getRepository(GithubCredential).existsBy({ organizationId });
}

async function organizationToken(db: DataSource, config: GithubConfig, organizationId: number, log: Logger): Promise<string | null> {
  const row = await db.getRepository(GithubCredential).findOneBy({ organizationId });
  if (!row) return null;
  try {
    return unseal(await credentialKey(config), row.tokenSealed, sealContext(organizationId));
  } catch {
    // VIGIL_SECRET_KEY (or secret.key) changed since the token was stored; the admin must set it again.
    log.warn({ organizationId }, 'github.credential-unreadable');
    return null;
  }
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** The client to read `repository` with (see the top of this file). */
export async function githubClientFor(db: DataSource, config: GithubConfig, repository: Repository, log: Logger): Promise<GithubClient> {
  const { apiUrl } = config.github;
  const own = await organizationToken(db, config, repository.organizationId, log);
  if (own) return new GithubClient({ apiUrl, token: own });
  if (config.github.token) {
    const installation = new GithubClient(config.github);
    const hooks = await installation.webhookUrls(repository.name);
    if (hooks?.some((url) => sameUrl(url, githubWebhookUrl(config.publicUrl, repository.id)))) return installation;
    log.info({ repositoryId: repository.id }, 'github.installation-token-not-vouched');
  }
  return new GithubClient({ apiUrl, token: null });
}
