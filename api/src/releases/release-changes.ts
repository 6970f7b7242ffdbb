import type { PgPubSub, SqlRunner } from '../pubsub/pg-pubsub.js';
import type { ChangeKind } from '../../../schema/src/topics.js';

/** What a release change needs to tell live subscribers: delivered at commit, only if it commits. */
export function publishReleaseChanged(
  pubsub: PgPubSub,
  runner: SqlRunner,
  release: { id: number; organizationId: number; version: string },
  kind: ChangeKind,
): Promise<void> {
  return pubsub.publish('releaseChanged', { organizationId: release.organizationId, releaseId: release.id, version: release.version, kind }, runner);
}
