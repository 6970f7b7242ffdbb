// Written by `npm run db:generate -- <Name>`: every migration, oldest first.
import { InitialSchema1795776575207 } from './1795776575207-InitialSchema.js';
import { IngestionAndIssues1795777435768 } from './1795777435768-IngestionAndIssues.js';
import { ReleasesCommitsDeploys1795778195284 } from './1795778195284-ReleasesCommitsDeploys.js';
import { IngestQueueClaims1796155631166 } from './1796155631166-IngestQueueClaims.js';
import { TenantIsolation1796156159413 } from './1796156159413-TenantIsolation.js';
import { PartitionEvents1796166421783 } from './1796166421783-PartitionEvents.js';
import { InvitesAndSharing1796166565143 } from './1796166565143-InvitesAndSharing.js';

export const MIGRATIONS = [InitialSchema1795776575207, IngestionAndIssues1795777435768, ReleasesCommitsDeploys1795778195284, IngestQueueClaims1796155631166, TenantIsolation1796156159413, PartitionEvents1796166421783, InvitesAndSharing1796166565143];
