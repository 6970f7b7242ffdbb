// Written by `npm run db:generate -- <Name>`: every migration, oldest first.
import { InitialSchema1795776575207 } from './1795776575207-InitialSchema.js';
import { IngestionAndIssues1795777435768 } from './1795777435768-IngestionAndIssues.js';
import { ReleasesCommitsDeploys1795778195284 } from './1795778195284-ReleasesCommitsDeploys.js';
import { IngestQueueClaims1796155631166 } from './1796155631166-IngestQueueClaims.js';
import { TenantIsolation1796156159413 } from './1796156159413-TenantIsolation.js';
import { ProjectEnvironments1796166255658 } from './1796166255658-ProjectEnvironments.js';
import { PartitionEvents1796166421783 } from './1796166421783-PartitionEvents.js';
import { Collaboration1796166470448 } from './1796166470448-Collaboration.js';
import { SlackApp1796166471277 } from './1796166471277-SlackApp.js';
import { InvitesAndSharing1796166565143 } from './1796166565143-InvitesAndSharing.js';
import { AlertsAndServiceHooks1796166689601 } from './1796166689601-AlertsAndServiceHooks.js';
import { NativeSymbolication1796166973350 } from './1796166973350-NativeSymbolication.js';
import { ChunkUpload1796166994297 } from './1796166994297-ChunkUpload.js';
import { ArtifactBundlesAndFiles1796168313125 } from './1796168313125-ArtifactBundlesAndFiles.js';
import { StreamViews1796176812440 } from './1796176812440-StreamViews.js';
import { IssueViewsEventSearch1796176870068 } from './1796176870068-IssueViewsEventSearch.js';
import { SessionDevices1796176911729 } from './1796176911729-SessionDevices.js';
import { DifAssembly1796177535870 } from './1796177535870-DifAssembly.js';
import { IssueListIndexes1796180781563 } from './1796180781563-IssueListIndexes.js';
import { EventSearchBackfill1796191247063 } from './1796191247063-EventSearchBackfill.js';
import { IngestHotPathStorage1796212279411 } from './1796212279411-IngestHotPathStorage.js';

export const MIGRATIONS = [InitialSchema1795776575207, IngestionAndIssues1795777435768, ReleasesCommitsDeploys1795778195284, IngestQueueClaims1796155631166, TenantIsolation1796156159413, ProjectEnvironments1796166255658, PartitionEvents1796166421783, Collaboration1796166470448, SlackApp1796166471277, InvitesAndSharing1796166565143, AlertsAndServiceHooks1796166689601, NativeSymbolication1796166973350, ChunkUpload1796166994297, ArtifactBundlesAndFiles1796168313125, StreamViews1796176812440, IssueViewsEventSearch1796176870068, SessionDevices1796176911729, DifAssembly1796177535870, IssueListIndexes1796180781563, EventSearchBackfill1796191247063, IngestHotPathStorage1796212279411];
