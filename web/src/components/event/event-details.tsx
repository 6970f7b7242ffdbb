import type { EventDetailsFragment } from '../../graphql/generated/graphql';
import { DebugImages } from './debug-images';
import { ExceptionChain } from './exception-chain';
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
