import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { AppError, badInput } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ViewerType } from '../users/user.types.js';
import { SESSION_COOKIE } from './authenticate.js';
import { signIn, signOut } from './sign-in.service.js';

@Resolver()
export class SessionResolver {
  @Mutation(() => ViewerType, {
    description:
      'Signs in with email and password and sets the http-only session cookie (HTTP only). After too many failures per email or ' +
      'per client IP (default 10 and 50 within 15 minutes) it answers TOO_MANY_REQUESTS with `extensions.retryAfter` (seconds).',
  })
  async login(@Ctx() ctx: GraphQLContext, @Arg('email') email: string, @Arg('password') password: string): Promise<ViewerType> {
    const { config, db } = ctx.app;
    // The cookie needs an HTTP response, and the throttle the client's address.
    if (!ctx.reply) throw badInput('login works over HTTP only (POST /graphql): it sets the session cookie');
    let session: Awaited<ReturnType<typeof signIn>>;
    try {
      session = await signIn(db, email, password, config.sessionTtlDays, {
        ip: ctx.reply.request.ip,
        userAgent: ctx.reply.request.headers['user-agent'] ?? null,
        limits: config.login,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'TOO_MANY_REQUESTS') ctx.reply.header('retry-after', String(error.details.retryAfter));
      throw error;
    }
    const { user, token, expiresAt } = session;
    ctx.reply.setCookie(SESSION_COOKIE, token, {
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
