import type { DataSource } from 'typeorm';
import { newPublicKey } from '../auth/secrets.js';
import { badInput } from '../errors.js';
import { assertName } from '../validation.js';
import { ProjectKey } from './project-key.entity.js';
import { Project } from './project.entity.js';

/** `http://<publicKey>@host[:port][/path]/<projectId>`, the form every Sentry SDK parses. */
export function dsnFor(publicUrl: string, publicKey: string, projectId: number): string {
  const url = new URL(publicUrl);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${publicKey}@${url.host}${path}/${projectId}`;
}

export interface ProjectKeyInput {
  label?: string | null | undefined;
  isActive?: boolean | null | undefined;
  /** Both or neither: events per window. Zero count clears the limit. */
  rateLimitCount?: number | null | undefined;
  rateLimitWindow?: number | null | undefined;
}

function rateLimit(input: ProjectKeyInput): Pick<ProjectKey, 'rateLimitCount' | 'rateLimitWindow'> | undefined {
  if (input.rateLimitCount === undefined && input.rateLimitWindow === undefined) return undefined;
  const count = input.rateLimitCount ?? null;
  const window = input.rateLimitWindow ?? null;
  // Only an explicit zero (or null) count clears the limit; a window alone is a mistake.
  if (count === 0 || (count === null && input.rateLimitCount !== undefined)) return { rateLimitCount: null, rateLimitWindow: null };
  if (count === null) throw badInput('A rate limit needs a count with its window (count 0 removes the limit)', 'rateLimitCount');
  if (count < 0 || !window || window < 1 || window > 86_400) {
    throw badInput('A rate limit needs a positive count and a window of 1-86400 seconds', 'rateLimitWindow');
  }
  return { rateLimitCount: count, rateLimitWindow: window };
}

export async function createProjectKey(db: DataSource, project: Project, input: ProjectKeyInput): Promise<ProjectKey> {
  const repo = db.getRepository(ProjectKey);
  return repo.save(
    repo.create({
      projectId: project.id,
      label: input.label ? assertName(input.label, 'label') : 'Default',
      publicKey: newPublicKey(),
      isActive: input.isActive ?? true,
      ...rateLimit(input),
    }),
  );
}

export async function updateProjectKey(db: DataSource, key: ProjectKey, input: ProjectKeyInput): Promise<ProjectKey> {
  const changes: Partial<ProjectKey> = { ...rateLimit(input) };
  if (input.label != null) changes.label = assertName(input.label, 'label');
  if (input.isActive != null) changes.isActive = input.isActive;
  if (Object.keys(changes).length > 0) await db.getRepository(ProjectKey).update(key.id, changes);
  return { ...key, ...changes };
}

export async function deleteProjectKey(db: DataSource, key: ProjectKey): Promise<void> {
  await db.getRepository(ProjectKey).delete(key.id);
}
