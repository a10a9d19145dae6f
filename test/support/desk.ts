import type { Db } from '../../src/db/client.js';
import type { TestServer } from './app.js';
import { givenCustomer, givenProvider, givenTeam, givenUser, PASSWORD } from './factories.js';
import { type Caller, login } from './http.js';

/**
 * A small service desk: a provider with L1/L2/L3 teams serving customer A, an agent per tier,
 * A's manager and two requesters, and customer B with a requester (another tenant).
 */
export async function givenDesk(server: TestServer) {
  const db: Db = server.database.db;
  const { admin, providerId } = await givenProvider(db);
  const [a, b] = [await givenCustomer(db), await givenCustomer(db)];
  const [agent1, agent2, agent3, outsider] = [
    await givenUser(db, 'agent', providerId),
    await givenUser(db, 'agent', providerId),
    await givenUser(db, 'agent', providerId),
    await givenUser(db, 'agent', providerId),
  ];
  const l1 = await givenTeam(db, 'L1', [a.id], [agent1.id]);
  const l2 = await givenTeam(db, 'L2', [a.id], [agent2.id]);
  const l3 = await givenTeam(db, 'L3', [a.id], [agent3.id]);
  const teamB = await givenTeam(db, 'L1', [b.id], [outsider.id]);
  const manager = await givenUser(db, 'customer_manager', a.id);
  const requester = await givenUser(db, 'requester', a.id);
  const colleague = await givenUser(db, 'requester', a.id);
  const requesterB = await givenUser(db, 'requester', b.id);
  const as = async (user: { email: string }): Promise<Caller> => login(server.app, user.email, PASSWORD);
  return {
    admin,
    providerId,
    a,
    b,
    agent1,
    agent2,
    agent3,
    outsider,
    l1,
    l2,
    l3,
    teamB,
    manager,
    requester,
    colleague,
    requesterB,
    callers: {
      admin: await as(admin),
      agent1: await as(agent1),
      agent2: await as(agent2),
      outsider: await as(outsider),
      manager: await as(manager),
      requester: await as(requester),
      colleague: await as(colleague),
      requesterB: await as(requesterB),
    },
  };
}
export type Desk = Awaited<ReturnType<typeof givenDesk>>;
