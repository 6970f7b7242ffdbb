import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { ViewerType } from '../users/user.types.js';
import { SESSION_COOKIE } from './authenticate.js';
import { signIn, signOut } from './sign-in.service.js';

@Resolver()
export class SessionResolver {
  @Mutation(() => ViewerType, { description: 'Signs in with email and password and sets the http-only session cookie.' })
  async login(@Ctx() ctx: GraphQLContext, @Arg('email') email: string, @Arg('password') password: string): Promise<ViewerType> {
    const { config, db } = ctx.app;
    const { user, token, expiresAt } = await signIn(db, email, password, config.sessionTtlDays);
    ctx.reply?.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      expires: expiresAt,
    });
    return ViewerType.fromUser(user);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends the current dashboard session.' })
  async logout(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    const viewer = ctx.access.requireSession();
    if (viewer.sessionId !== null) await signOut(ctx.app.db, viewer.sessionId);
    ctx.reply?.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }
}
