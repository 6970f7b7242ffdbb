import type { EventDetailsFragment } from '../../graphql/generated/graphql';
import { DebugImages } from './debug-images';
import { ExceptionChain } from './exception-chain';
import { ProcessingErrors } from './processing-errors';
import {
  AttachmentsSection,
  Breadcrumbs,
  ContextsSection,
  EventFacts,
  EventMessage,
  EventTags,
  ExtraSection,
  RequestSection,
  SdkSection,
  UserSection,
} from './event-sections';

/** Everything one event carries, in Sentry's order. */
export function EventDetails({ event }: { event: EventDetailsFragment }) {
  return (
    <article aria-label="Event">
      <EventFacts event={event} />
      <EventTags event={event} />
      {event.processingErrors.length > 0 && <ProcessingErrors errors={event.processingErrors} />}
      {event.exception && event.exception.values.length > 0 && <ExceptionChain exception={event.exception} />}
      <DebugImages images={event.debugImages} />
      <EventMessage event={event} />
      <Breadcrumbs event={event} />
      <RequestSection event={event} />
      <UserSection event={event} />
      <ContextsSection event={event} />
      <ExtraSection event={event} />
      <SdkSection event={event} />
      <AttachmentsSection event={event} />
    </article>
  );
}
