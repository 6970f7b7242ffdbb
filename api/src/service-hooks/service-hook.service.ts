/**
 * Service hooks of a project: create (the secret is returned this once), list, update, delete,
 * and their delivery log. Callers authorize the project first (`projectAccess`, REST scopes).
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { badInput, notFound } from '../errors.js';
import type { Project } from '../projects/project.entity.js';
import { credentialKey, seal, unseal } from '../repositories/credential-cipher.js';
import { ServiceHookDelivery } from './service-hook-delivery.entity.js';
import { isServiceHookEvent, SERVICE_HOOK_EVENTS, type ServiceHookEvent } from './service-hook-events.js';
import { ServiceHook } from './service-hook.entity.js';
import { assertPublicTarget, parseHookUrl } from './webhook-target.js';

type SecretConfig = Pick<Config, 'secretKey' | 'dataDir'>;
export type HookConfig = SecretConfig & Pick<Config, 'webhooks'>;

export const MAX_HOOKS_PER_PROJECT = 50;
export const DELIVERY_PAGE_MAX = 100;

export interface ServiceHookInput {
  url?: unknown;
  events?: unknown;
  isActive?: unknown;
}

const sealContext = (guid: string) => `service-hook:${guid}`;

function parseEvents(raw: unknown): ServiceHookEvent[] {
  if (!Array.isArray(raw) || raw.length === 0) throw badInput(`events must be a non-empty list of: ${SERVICE_HOOK_EVENTS.join(', ')}`, 'events');
  const unknown = raw.find((e) => !isServiceHookEvent(e));
  if (unknown !== undefined) throw badInput(`Unknown event ${JSON.stringify(unknown)}; valid events: ${SERVICE_HOOK_EVENTS.join(', ')}`, 'events');
  return [...new Set(raw as ServiceHookEvent[])].sort();
}

async function checkedUrl(config: HookConfig, raw: unknown): Promise<string> {
  const url = parseHookUrl(raw);
  await assertPublicTarget(url, config.webhooks.allowPrivate);
  return url.toString();
}

export async function createServiceHook(db: DataSource, config: HookConfig, project: Project, input: ServiceHookInput): Promise<{ hook: ServiceHook; secret: string }> {
  const url = await checkedUrl(config, input.url);
  const events = parseEvents(input.events);
  const count = await db.getRepository(ServiceHook).countBy({ projectId: project.id });
  if (count >= MAX_HOOKS_PER_PROJECT) throw badInput(`A project has at most ${MAX_HOOKS_PER_PROJECT} service hooks`);
  const guid = randomBytes(16).toString('hex');
  const secret = randomBytes(32).toString('hex');
  const secretSealed = seal(await credentialKey(config), secret, sealContext(guid));
  const repo = db.getRepository(ServiceHook);
  const hook = await repo.save(repo.create({ guid, projectId: project.id, url, events, status: 'active', secretSealed }));
  return { hook, secret };
}

export function listServiceHooks(db: DataSource, project: Project): Promise<ServiceHook[]> {
  return db.getRepository(ServiceHook).find({ where: { projectId: project.id }, order: { id: 'ASC' } });
}

/** A hook of the project by its guid (REST) or numeric id (GraphQL); NOT_FOUND otherwise. */
export async function findServiceHook(db: DataSource, project: Project, id: { guid: string } | { id: number }): Promise<ServiceHook> {
  const hook =
    'guid' in id
      ? /^[0-9a-f]{32}$/.test(id.guid)
        ? await db.getRepository(ServiceHook).findOneBy({ projectId: project.id, guid: id.guid })
        : null
      : await db.getRepository(ServiceHook).findOneBy({ projectId: project.id, id: id.id });
  if (!hook) throw notFound('Service hook');
  return hook;
}

export async function updateServiceHook(db: DataSource, config: HookConfig, hook: ServiceHook, input: ServiceHookInput): Promise<ServiceHook> {
  const changes: Partial<ServiceHook> = {};
  if (input.url !== undefined) changes.url = await checkedUrl(config, input.url);
  if (input.events !== undefined) changes.events = parseEvents(input.events);
  if (input.isActive !== undefined) {
    if (typeof input.isActive !== 'boolean') throw badInput('isActive must be true or false', 'isActive');
    changes.status = input.isActive ? 'active' : 'disabled';
  }
  if (Object.keys(changes).length > 0) await db.getRepository(ServiceHook).update(hook.id, changes);
  return db.getRepository(ServiceHook).findOneByOrFail({ id: hook.id });
}

export async function deleteServiceHook(db: DataSource, hook: ServiceHook): Promise<void> {
  await db.getRepository(ServiceHook).delete(hook.id);
}

/** The signing secret; only the delivery job needs it. */
export async function hookSecret(config: SecretConfig, hook: ServiceHook): Promise<string> {
  return unseal(await credentialKey(config), hook.secretSealed, sealContext(hook.guid));
}

/** The hook's deliveries, newest first. */
export function listDeliveries(db: DataSource, hook: ServiceHook, first: number | null | undefined): Promise<ServiceHookDelivery[]> {
  const limit = first ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > DELIVERY_PAGE_MAX) throw badInput(`first must be between 1 and ${DELIVERY_PAGE_MAX}`, 'first');
  return db.getRepository(ServiceHookDelivery).find({ where: { hookId: hook.id }, order: { id: 'DESC' }, take: limit });
}
