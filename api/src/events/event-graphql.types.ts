/**
 * The GraphQL side of a stored event (event.types.ts is the stored, normalized shape). Shapes that
 * Sentry leaves free-form (contexts, extra, breadcrumb data, frame vars) are exposed as JSON.
 */
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { EventAttachment } from './event-attachment.entity.js';
import type { EventRow } from './event.entity.js';
import { eventPayload } from './event-payload.js';
import type { Breadcrumb, EventUser, ExceptionValue, NormalizedEvent, RequestInfo, SdkInfo, StackFrame } from './event.types.js';

type Json = Record<string, unknown>;

@ObjectType('Frame', { description: 'One stack frame; frames are listed oldest first, the crashing one last.' })
export class FrameType {
  @Field(() => String, { nullable: true }) filename?: string;
  @Field(() => String, { nullable: true }) absPath?: string;
  @Field(() => String, { nullable: true }) module?: string;
  @Field(() => String, { nullable: true }) function?: string;
  @Field(() => Int, { nullable: true }) lineno?: number;
  @Field(() => Int, { nullable: true }) colno?: number;
  @Field({ description: 'Whether the frame is the application\'s own code.' }) inApp!: boolean;
  @Field(() => String, { nullable: true }) contextLine?: string;
  @Field(() => [String], { nullable: true }) preContext?: string[];
  @Field(() => [String], { nullable: true }) postContext?: string[];
  @Field(() => GraphQLJSONObject, { nullable: true }) vars?: Json;
  @Field(() => String, { nullable: true }) package?: string;
  @Field(() => String, { nullable: true }) platform?: string;
  @Field(() => String, { nullable: true }) instructionAddr?: string;
  @Field(() => String, { nullable: true, description: 'Native: start of the function (absolute).' }) symbolAddr?: string;
  @Field(() => String, { nullable: true, description: 'Native: start of the image holding the frame.' }) imageAddr?: string;
  @Field(() => String, { nullable: true, description: 'Native: the mangled linkage name.' }) symbol?: string;
  @Field(() => String, { nullable: true, description: 'Native: how the SDK found the frame (cfi, scan, …).' }) trust?: string;
  @Field(() => String, { nullable: true, description: 'Native: symbolicated, missing_symbol, unknown_image, missing or malformed.' })
  symbolicatorStatus?: string;
}

@ObjectType('Mechanism', { description: 'How the exception was caught.' })
export class MechanismType {
  @Field() type!: string;
  @Field(() => Boolean, { nullable: true }) handled?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'The SDK made the exception up (e.g. captureMessage).' })
  synthetic?: boolean;
  @Field(() => GraphQLJSONObject, { nullable: true }) data?: Json;
}

@ObjectType('ExceptionValue')
export class ExceptionValueType {
  @Field(() => String, { nullable: true }) type?: string;
  @Field(() => String, { nullable: true }) value?: string;
  @Field(() => String, { nullable: true }) module?: string;
  @Field(() => MechanismType, { nullable: true }) mechanism?: MechanismType;
  @Field(() => [FrameType]) frames!: FrameType[];
  @Field(() => [FrameType], { nullable: true, description: 'The frames as the SDK sent them (minified), when source maps rewrote `frames`.' })
  rawFrames?: FrameType[];
}

@ObjectType('EventException')
export class EventExceptionType {
  @Field(() => [ExceptionValueType], { description: 'Causes first; the last value is the outermost exception.' })
  values!: ExceptionValueType[];
}

@ObjectType('Breadcrumb')
export class BreadcrumbType {
  @Field(() => Date, { nullable: true }) timestamp!: Date | null;
  @Field(() => String, { nullable: true }) type?: string;
  @Field(() => String, { nullable: true }) category?: string;
  @Field(() => String, { nullable: true }) message?: string;
  @Field(() => String, { nullable: true }) level?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) data?: Json;

  static from(crumb: Breadcrumb): BreadcrumbType {
    const timestamp = crumb.timestamp === undefined ? null : new Date(crumb.timestamp * 1000);
    return Object.assign(new BreadcrumbType(), crumb, { timestamp });
  }
}

@ObjectType('HttpHeader')
export class HttpHeaderType {
  @Field() name!: string;
  @Field() value!: string;
}

@ObjectType('EventRequest', { description: 'The HTTP request being handled when the event happened.' })
export class EventRequestType {
  @Field(() => String, { nullable: true }) method?: string;
  @Field(() => String, { nullable: true }) url?: string;
  @Field(() => String, { nullable: true }) queryString?: string;
  @Field(() => [HttpHeaderType]) headers!: HttpHeaderType[];
  @Field(() => String, { nullable: true }) cookies?: string;
  @Field(() => GraphQLJSON, { nullable: true }) data?: unknown;
  @Field(() => GraphQLJSONObject, { nullable: true }) env?: Json;

  static from(request: RequestInfo): EventRequestType {
    const headers = request.headers.map(([name, value]) => Object.assign(new HttpHeaderType(), { name, value }));
    return Object.assign(new EventRequestType(), request, { headers });
  }
}

@ObjectType('EventUser', { description: 'The end user the event happened to, as the SDK reported them.' })
export class EventUserType {
  @Field(() => String, { nullable: true }) id?: string;
  @Field(() => String, { nullable: true }) email?: string;
  @Field(() => String, { nullable: true }) username?: string;
  @Field(() => String, { nullable: true }) ipAddress?: string;
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) data?: Json;
}

@ObjectType('SdkPackage')
export class SdkPackageType {
  @Field() name!: string;
  @Field() version!: string;
}

@ObjectType('EventSdk')
export class EventSdkType {
  @Field() name!: string;
  @Field() version!: string;
  @Field(() => [String]) integrations!: string[];
  @Field(() => [SdkPackageType]) packages!: SdkPackageType[];

  static from(sdk: SdkInfo): EventSdkType {
    return Object.assign(new EventSdkType(), { ...sdk, integrations: sdk.integrations ?? [], packages: sdk.packages ?? [] });
  }
}

@ObjectType('EventTag')
export class EventTagType {
  @Field() key!: string;
  @Field() value!: string;
}

export enum EventEntryKind {
  EXCEPTION = 'exception',
  MESSAGE = 'message',
  BREADCRUMBS = 'breadcrumbs',
  REQUEST = 'request',
}

registerEnumType(EventEntryKind, { name: 'EventEntryType' });

@ObjectType('EventEntry', { description: "Sentry's `entries`: the event's interfaces in display order." })
export class EventEntryType {
  @Field(() => EventEntryKind) type!: EventEntryKind;
  @Field(() => GraphQLJSONObject) data!: Json;
}

@ObjectType('EventAttachment', { description: 'A file sent with the event (log, minidump, screenshot).' })
export class EventAttachmentType {
  @Field(() => ID) id!: number;
  @Field() name!: string;
  @Field() contentType!: string;
  @Field({ description: 'e.g. event.attachment or event.minidump' }) attachmentType!: string;
  @Field(() => Int, { description: 'Bytes.' }) size!: number;
  @Field() dateCreated!: Date;
  // Resolved by EventResolver (needs the organization and project slugs).
  projectId!: number;
  eventId!: string;

  static from(row: EventAttachment): EventAttachmentType {
    const { id, name, contentType, attachmentType, size, dateCreated, projectId, eventId } = row;
    return Object.assign(new EventAttachmentType(), { id, name, contentType, attachmentType, size, dateCreated, projectId, eventId });
  }
}

function exceptionValue(value: ExceptionValue): ExceptionValueType {
  const frames = value.frames.map((frame: StackFrame) => Object.assign(new FrameType(), frame));
  const rawFrames = value.rawFrames?.map((frame: StackFrame) => Object.assign(new FrameType(), frame));
  const mechanism = value.mechanism ? Object.assign(new MechanismType(), value.mechanism) : undefined;
  return Object.assign(new ExceptionValueType(), { ...value, frames, rawFrames, mechanism });
}

@ObjectType('ProcessingError', { description: 'What processing (source maps) could not do for a file, and so what to upload.' })
export class ProcessingErrorType {
  @Field({ description: 'e.g. js_no_source, js_invalid_source, js_missing_sources_content, js_invalid_sourcemap_location, js_fetch_error.' })
  type!: string;
  @Field(() => String, { nullable: true, description: 'The minified file, source map or original source concerned.' }) file!: string | null;
  @Field(() => String, { nullable: true }) detail!: string | null;
}

/** Sentry's entry list: exception, message, breadcrumbs, request, each present only when the event has it. */
function entriesOf(data: NormalizedEvent): EventEntryType[] {
  const entry = (type: EventEntryKind, payload: Json) => Object.assign(new EventEntryType(), { type, data: payload });
  const entries: EventEntryType[] = [];
  if (data.exceptions.length > 0) entries.push(entry(EventEntryKind.EXCEPTION, { values: data.exceptions }));
  if (data.message !== undefined || data.logentry) {
    entries.push(entry(EventEntryKind.MESSAGE, { formatted: data.message ?? null, ...data.logentry }));
  }
  if (data.breadcrumbs.length > 0) entries.push(entry(EventEntryKind.BREADCRUMBS, { values: data.breadcrumbs }));
  if (data.request) entries.push(entry(EventEntryKind.REQUEST, { ...data.request }));
  return entries;
}

@ObjectType('Event', { description: 'One occurrence of an issue, as the SDK sent it (normalized).' })
export class EventType {
  @Field(() => ID, { description: 'Internal id; eventId is what SDKs and users know.' }) id!: string;
  @Field({ description: '32 lower-case hex characters.' }) eventId!: string;
  @Field({ description: 'When it happened.' }) timestamp!: Date;
  @Field({ description: 'When Vigil received it.' }) dateReceived!: Date;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field() title!: string;
  @Field() culprit!: string;
  @Field() level!: string;
  @Field() platform!: string;
  @Field() environment!: string;
  @Field(() => String, { nullable: true }) dist!: string | null;
  @Field(() => String, { nullable: true }) logger!: string | null;
  @Field(() => String, { nullable: true }) transaction!: string | null;
  @Field(() => String, { nullable: true }) serverName!: string | null;
  @Field(() => EventExceptionType, { nullable: true }) exception!: EventExceptionType | null;
  @Field(() => [EventEntryType]) entries!: EventEntryType[];
  @Field(() => GraphQLJSONObject) contexts!: Json;
  @Field(() => [EventTagType]) tags!: EventTagType[];
  @Field(() => EventUserType, { nullable: true }) user!: EventUserType | null;
  @Field(() => [BreadcrumbType]) breadcrumbs!: BreadcrumbType[];
  @Field(() => EventRequestType, { nullable: true }) request!: EventRequestType | null;
  @Field(() => EventSdkType, { nullable: true }) sdk!: EventSdkType | null;
  @Field(() => [String], { nullable: true, description: "The SDK's fingerprint, when it sent one." }) fingerprint!: string[] | null;
  @Field(() => GraphQLJSONObject) extra!: Json;
  @Field(() => [ProcessingErrorType], { description: 'What source-map processing could not do; empty when all went well.' })
  processingErrors!: ProcessingErrorType[];
  // Resolved by EventResolver: issue, release, attachments; native/ reads debugMeta.
  projectId!: number;
  debugMeta!: NormalizedEvent['debugMeta'] | null;
  issueId!: number;
  releaseVersion!: string | null;

  static from(row: EventRow): EventType {
    const data = eventPayload(row);
    const user: EventUser | undefined = data.user;
    return Object.assign(new EventType(), {
      id: row.id,
      eventId: row.eventId,
      timestamp: row.timestamp,
      dateReceived: row.receivedAt,
      message: data.message ?? null,
      title: data.title,
      culprit: data.culprit,
      level: data.level,
      platform: data.platform,
      environment: row.environment,
      dist: data.dist ?? null,
      logger: data.logger ?? null,
      transaction: data.transaction ?? null,
      serverName: data.serverName ?? null,
      exception: data.exceptions.length > 0 ? Object.assign(new EventExceptionType(), { values: data.exceptions.map(exceptionValue) }) : null,
      entries: entriesOf(data),
      contexts: data.contexts,
      tags: data.tags.map(([key, value]) => Object.assign(new EventTagType(), { key, value })),
      user: user ? Object.assign(new EventUserType(), user) : null,
      breadcrumbs: data.breadcrumbs.map(BreadcrumbType.from),
      request: data.request ? EventRequestType.from(data.request) : null,
      sdk: data.sdk ? EventSdkType.from(data.sdk) : null,
      fingerprint: data.fingerprint ?? null,
      extra: data.extra,
      processingErrors: (data.processingErrors ?? []).map((e) => Object.assign(new ProcessingErrorType(), { type: e.type, file: e.file ?? null, detail: e.detail ?? null })),
      projectId: row.projectId,
      issueId: row.issueId,
      releaseVersion: row.release,
      debugMeta: data.debugMeta ?? null,
    });
  }
}
