import type { EntityManager } from 'typeorm';
import { AlertRule } from './alert-rule.entity.js';
import { DEFAULT_RULE } from './alert-rule.model.js';

/** A new project's default rule (Sentry's): a new issue emails the members. Existing projects are left as they are. */
export async function createDefaultAlertRule(tx: EntityManager, projectId: number): Promise<void> {
  await tx.getRepository(AlertRule).insert({ ...DEFAULT_RULE, projectId, isActive: true, createdByUserId: null });
}
