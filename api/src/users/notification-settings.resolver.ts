import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { deployEmailsEnabled, notificationSettings, updateNotificationSettings } from './notification-settings.service.js';
import { ViewerType } from './user.types.js';

@ObjectType('NotificationSettings', { description: 'Which emails you get. Workflow emails are about issues you are subscribed to.' })
export class NotificationSettingsType {
  @Field({ description: 'When a deploy ships your commits.' }) deployEmails!: boolean;
  @Field({ description: 'New comments.' }) commentEmails!: boolean;
  @Field({ description: 'Assignments.' }) assignmentEmails!: boolean;
  @Field({ description: 'Resolutions (by a person, a commit or a release).' }) resolutionEmails!: boolean;
  @Field({ description: 'Regressions.' }) regressionEmails!: boolean;
  @Field({ description: 'Someone @mentioned you or your #team.' }) mentionEmails!: boolean;
  @Field({ description: 'Also about what you did yourself (off by default).' }) ownActivityEmails!: boolean;
}

@ArgsType()
class NotificationSettingsArgs {
  @Field(() => Boolean, { nullable: true }) deployEmails?: boolean | null;
  @Field(() => Boolean, { nullable: true }) commentEmails?: boolean | null;
  @Field(() => Boolean, { nullable: true }) assignmentEmails?: boolean | null;
  @Field(() => Boolean, { nullable: true }) resolutionEmails?: boolean | null;
  @Field(() => Boolean, { nullable: true }) regressionEmails?: boolean | null;
  @Field(() => Boolean, { nullable: true }) mentionEmails?: boolean | null;
  @Field(() => Boolean, { nullable: true }) ownActivityEmails?: boolean | null;
}

@Resolver(() => ViewerType)
export class NotificationSettingsResolver {
  @Authorized()
  @FieldResolver(() => Boolean, { description: 'Whether you get an email when a deploy ships your commits.' })
  async deployEmails(@Ctx() ctx: GraphQLContext, @Root() viewer: ViewerType): Promise<boolean> {
    return deployEmailsEnabled(ctx.app.db, viewer.id);
  }

  @Authorized()
  @FieldResolver(() => NotificationSettingsType)
  async notificationSettings(@Ctx() ctx: GraphQLContext, @Root() viewer: ViewerType): Promise<NotificationSettingsType> {
    return Object.assign(new NotificationSettingsType(), await notificationSettings(ctx.app.db, viewer.id));
  }

  @Authorized()
  @Mutation(() => ViewerType, { description: 'Changes your own notification settings; arguments left out stay as they are.' })
  async updateNotificationSettings(@Ctx() ctx: GraphQLContext, @Args() args: NotificationSettingsArgs): Promise<ViewerType> {
    const settings = Object.fromEntries(Object.entries(args).filter(([, value]) => typeof value === 'boolean'));
    const user = await updateNotificationSettings(ctx.app.db, ctx.access.requireViewer(), settings);
    return ViewerType.fromUser(user);
  }
}
