import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { ServiceHookDelivery } from './service-hook-delivery.entity.js';
import type { ServiceHook } from './service-hook.entity.js';

@ObjectType('ServiceHook', { description: 'An outgoing webhook of a project (Sentry\'s service hook). Its secret is shown only by createServiceHook.' })
export class ServiceHookType {
  @Field(() => ID, { description: 'The public id, as in `/api/0/projects/{org}/{project}/hooks/{id}/`.' })
  id!: string;

  projectId!: number;
  rowId!: number;

  @Field()
  url!: string;

  @Field(() => [String], { description: 'event.alert, event.created, issue.created, issue.resolved, issue.assigned, issue.regressed, comment.created' })
  events!: string[];

  @Field({ description: '`active` or `disabled`.' })
  status!: string;

  @Field()
  dateCreated!: Date;

  static from(hook: ServiceHook): ServiceHookType {
    return Object.assign(new ServiceHookType(), {
      id: hook.guid,
      rowId: hook.id,
      projectId: hook.projectId,
      url: hook.url,
      events: [...hook.events].sort(),
      status: hook.status,
      dateCreated: hook.dateCreated,
    });
  }
}

@ObjectType('ServiceHookDelivery', { description: 'One message to a service hook and how its latest attempt went.' })
export class ServiceHookDeliveryType {
  @Field(() => ID)
  id!: string;

  @Field()
  event!: string;

  @Field({ description: '`pending`, `retrying`, `delivered` or `failed`.' })
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true })
  responseCode!: number | null;

  @Field(() => Int, { nullable: true })
  durationMs!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field()
  dateCreated!: Date;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  static from(delivery: ServiceHookDelivery): ServiceHookDeliveryType {
    return Object.assign(new ServiceHookDeliveryType(), {
      id: String(delivery.id),
      event: delivery.event,
      status: delivery.status,
      attempts: delivery.attempts,
      responseCode: delivery.responseCode,
      durationMs: delivery.durationMs,
      error: delivery.error,
      dateCreated: delivery.dateCreated,
      lastAttemptAt: delivery.lastAttemptAt,
    });
  }
}

@ObjectType({ description: 'The new hook and its signing secret: copy the secret now, it is not shown again.' })
export class ServiceHookCreation {
  @Field(() => ServiceHookType)
  hook!: ServiceHookType;

  @Field({ description: 'HMAC-SHA256 key of `X-ServiceHook-Signature`.' })
  secret!: string;
}

@InputType()
export class ServiceHookInput {
  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [String], { nullable: true })
  events?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  isActive?: boolean | null;
}
