import DataLoader from 'dataloader';
import type { GraphQLContext } from '../graphql/context.js';
import { byIdLoader, type LoaderFactory } from '../graphql/request-loaders.js';
import { Release } from './release.entity.js';
import type { ReleaseType } from './release.types.js';

export const releaseById = byIdLoader(Release);

export const releaseByVersion: LoaderFactory<{ organizationId: number; version: string }, Release | undefined, string> = (db) =>
  new DataLoader(
    async (keys) => {
      const rows = await db.getRepository(Release).findBy(keys.map((k) => ({ organizationId: k.organizationId, version: k.version })));
      const found = new Map(rows.map((r) => [`${r.organizationId}:${r.version}`, r]));
      return keys.map((k) => found.get(`${k.organizationId}:${k.version}`));
    },
    { cacheKeyFn: (k) => `${k.organizationId}:${k.version}` },
  );

/** The release row behind a `Release` field, once per request however many fields ask (the parent authorized it). */
export async function authorizedRelease(ctx: GraphQLContext, release: ReleaseType): Promise<Release> {
  await ctx.access.organizationById(release.organizationId, 'project:read');
  const row = await ctx.loaders.get(releaseById).load(release.id);
  if (!row) throw new Error(`Release ${release.id} is missing`);
  return row;
}
