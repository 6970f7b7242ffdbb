import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { deployEmailsEnabled, updateNotificationSettings } from './notification-settings.service.js';
import { ViewerType } from './user.types.js';

@Resolver(() => ViewerType)
export class NotificationSettingsResolver {
  @Authorized()
  @FieldResolver(() => Boolean, { description: 'Whether you get an email when a deploy ships your commits.' })
  async deployEmails(@Ctx() ctx: GraphQLContext, @Root() viewer: ViewerType): Promise<boolean> {
    return deployEmailsEnabled(ctx.app.db, viewer.id);
  }

  @Authorized()
  @Mutation(() => ViewerType, { description: 'Changes your own notification settings.' })
  async updateNotificationSettings(@Ctx() ctx: GraphQLContext, @Arg('deployEmails') deployEmails: boolean): Promise<ViewerType> {
    const user = await updateNotificationSettings(ctx.app.db, ctx.access.requireViewer(), { deployEmails });
    return ViewerType.fromUser(user);
  }
}
