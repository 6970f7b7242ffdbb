/**
 * Live-update topics and their payloads, published through PostgreSQL NOTIFY so that any Vigil
 * process (web or worker) reaches subscribers connected to any other. Payloads carry IDs; the
 * subscription resolver re-loads what the subscriber may see.
 */
export type ChangeKind = 'created' | 'updated' | 'deleted';

export interface Topics {
  projectChanged: { organizationId: number; projectId: number; kind: ChangeKind };
}

export type Topic = keyof Topics;
