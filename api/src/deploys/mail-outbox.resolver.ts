import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { listMailOutbox } from './mail-outbox.service.js';
import { OutboxMailType } from './mail-outbox.types.js';

@Resolver()
export class MailOutboxResolver {
  @Authorized()
  @Query(() => [OutboxMailType], {
    description: 'The newest emails in the local outbox (used when no SMTP server is configured) of the organizations you administer (owners and admins).',
  })
  async mailOutbox(@Ctx() ctx: GraphQLContext, @Arg('first', () => Int, { nullable: true, description: 'Default 50, at most 200.' }) first?: number | null): Promise<OutboxMailType[]> {
    return (await listMailOutbox(ctx.app.db, ctx.access, ctx.app.config.mail, first)).map(OutboxMailType.from);
  }
}
