// The thin full-stack smoke layer: the smoke checks' flows through the router, with the real backend on the
// test PostgreSQL, and the database holding what the API said it stored.
import { expect } from 'chai';
import { useBackend } from '../provider/testing/backend-test-context.ts';
import { useRouter } from '../consumer/testing/router-test-context.ts';
import { completeGameFlow, smokeChecks } from './smoke-checks.ts';

describe('smoke: router -> backend -> PostgreSQL', () => {
  const backend = useBackend();
  const router = useRouter(() => backend.url);
  const urls = () => ({ router: router.url, backend: backend.url });

  for (const check of smokeChecks) {
    it(check.name, () => check.run(urls()));
  }

  it('the database holds what the API said it stored in the complete game flow', async () => {
    const flow = await completeGameFlow(router.url);
    const run = await backend.prisma.run.findUniqueOrThrow({ where: { id: flow.runId } });
    expect(run.sessionId).to.equal(flow.sessionId);
    expect(run.party).to.deep.equal(flow.party);
    expect(run.map).to.deep.equal(flow.map);
    const player = await backend.prisma.ownedPlayer.findUniqueOrThrow({ where: { legacyId: flow.playerId } });
    expect(player.playerData).to.deep.equal(flow.playerData);
    const roll = await backend.prisma.gachaRoll.findUniqueOrThrow({
      where: { id: flow.rollId },
      include: { items: true },
    });
    expect(roll).to.include({ playerId: flow.playerId, rollType: 'standard' });
    expect(roll.items).to.have.length(1);
    const upgrades = await backend.prisma.upgradePoints.findUniqueOrThrow({ where: { playerId: flow.playerId } });
    expect(upgrades).to.include({ points: 150, hp: 15, atk: 10, def: 5, spd: 0 });
  });
});
