import DataLoader from 'dataloader';
import type { LoaderFactory } from '../graphql/request-loaders.js';
import type { EventAttachment } from './event-attachment.entity.js';
import type { EventRow } from './event.entity.js';
import { attachmentsOf, latestEvents, type EventKey } from './event.service.js';

export const latestEventByIssue: LoaderFactory<number, EventRow | undefined> = (db) => new DataLoader((ids) => latestEvents(db, ids));

export const attachmentsByEvent: LoaderFactory<EventKey, EventAttachment[], string> = (db) =>
  new DataLoader((keys) => attachmentsOf(db, keys), { cacheKeyFn: (k) => `${k.projectId}:${k.eventId}` });
