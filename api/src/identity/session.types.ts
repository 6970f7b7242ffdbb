import { Field, ID, ObjectType } from 'type-graphql';
import { parseUserAgent } from '../user-agent.js';
import type { UserSession } from './user-session.entity.js';

@ObjectType('SignInSession', { description: 'One of your dashboard sign-ins: a browser holding a session cookie.' })
export class SignInSessionType {
  @Field(() => ID)
  id!: number;

  @Field({ description: 'Browser and operating system recognised from the User-Agent, e.g. "Chrome 120 on Mac OS 10.15".' })
  device!: string;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'The client address it signed in from.' })
  ipAddress!: string | null;

  @Field({ description: 'When it signed in.' })
  dateCreated!: Date;

  @Field(() => Date, { nullable: true, description: 'Last request, to the minute.' })
  lastUsedAt!: Date | null;

  @Field()
  expiresAt!: Date;

  @Field({ description: 'The session this request came with.' })
  isCurrent!: boolean;

  static from(session: UserSession, currentSessionId: number | null): SignInSessionType {
    return Object.assign(new SignInSessionType(), {
      id: session.id,
      device: describeDevice(session.userAgent),
      userAgent: session.userAgent,
      ipAddress: session.ipAddress,
      dateCreated: session.dateCreated,
      lastUsedAt: session.lastUsedAt,
      expiresAt: session.expiresAt,
      isCurrent: session.id === currentSessionId,
    });
  }
}

function describeDevice(userAgent: string | null): string {
  const { browser, os } = parseUserAgent(userAgent ?? '');
  const name = (context: Record<string, unknown> | undefined) =>
    context ? [context.name, typeof context.version === 'string' ? context.version.split('.')[0] : undefined].filter(Boolean).join(' ') : '';
  const [b, o] = [name(browser), name(os)];
  if (b && o) return `${b} on ${o}`;
  return b || o || 'Unknown device';
}
