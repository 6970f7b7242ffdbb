import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, tokenFor } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { User } from './user.entity.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const UPDATE = 'mutation($on: Boolean!) { updateNotificationSettings(deployEmails: $on) { id deployEmails } }';

describe('notification settings', () => {
  it('reads and changes the viewer\'s own deploy-email setting', async () => {
    const user = await buildUser(server.app);
    const client = server.client({ token: await tokenFor(server.app, user) });
    expect(await client.data('{ viewer { deployEmails } }')).toEqual({ viewer: { deployEmails: true } });

    expect(await client.data(UPDATE, { on: false })).toEqual({ updateNotificationSettings: { id: String(user.id), deployEmails: false } });
    expect(await client.data('{ viewer { deployEmails } }')).toEqual({ viewer: { deployEmails: false } });
    expect((await server.app.db.getRepository(User).findOneByOrFail({ id: user.id })).deployEmails).toBe(false);

    await client.data(UPDATE, { on: true });
    expect((await server.app.db.getRepository(User).findOneByOrFail({ id: user.id })).deployEmails).toBe(true);
  });

  it('changes nobody else\'s setting, and needs a signed-in caller', async () => {
    const [me, someoneElse] = [await buildUser(server.app), await buildUser(server.app)];
    await server.client({ token: await tokenFor(server.app, me) }).data(UPDATE, { on: false });
    expect((await server.app.db.getRepository(User).findOneByOrFail({ id: someoneElse.id })).deployEmails).toBe(true);
    expect(await server.client().errorCode(UPDATE, { on: false })).toBe('UNAUTHENTICATED');
  });
});
