import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { ViewerType } from '../users/user.types.js';
import { endOtherSessions, endSession, listSessions } from './account-sessions.js';
import { SESSION_COOKIE } from './authenticate.js';
import { changePassword } from './change-password.js';
import { SignInSessionType } from './session.types.js';

/** The viewer's own account: password and dashboard sessions. */
@Resolver(() => ViewerType)
export class AccountResolver {
  @Authorized()
  @FieldResolver(() => [SignInSessionType], { description: 'Your unexpired dashboard sign-ins, most recently used first.' })
  async sessions(@Ctx() ctx: GraphQLContext, @Root() _viewer: ViewerType): Promise<SignInSessionType[]> {
    const viewer = ctx.access.requireViewer();
    return (await listSessions(ctx.app.db, viewer.user.id)).map((s) => SignInSessionType.from(s, viewer.sessionId));
  }

  @Authorized()
  @Mutation(() => Int, {
    description:
      'Changes your password after checking the current one (wrong guesses are throttled like sign-in) and signs out your ' +
      'other sessions. Needs a dashboard session. Returns how many other sessions were signed out.',
  })
  async changePassword(
    @Ctx() ctx: GraphQLContext,
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
  ): Promise<number> {
    const viewer = ctx.access.requireSession();
    const client = { ip: ctx.reply?.request.ip ?? null, limits: ctx.app.config.login };
    return changePassword(ctx.app.db, viewer, { current: currentPassword, next: newPassword }, client);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Signs out one of your sessions (it may be this one). Needs a dashboard session.' })
  async revokeSession(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    const viewer = ctx.access.requireSession();
    const sessionId = parseId(id, 'Session');
    await endSession(ctx.app.db, viewer.user.id, sessionId);
    if (sessionId === viewer.sessionId) ctx.reply?.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Signs out all your sessions but this one. Needs a dashboard session. Returns how many ended.' })
  async revokeOtherSessions(@Ctx() ctx: GraphQLContext): Promise<number> {
    const viewer = ctx.access.requireSession();
    return endOtherSessions(ctx.app.db, viewer.user.id, viewer.sessionId);
  }
}
