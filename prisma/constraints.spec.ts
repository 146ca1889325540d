// The database keeps data valid on its own, whatever writes to it.
import { expect } from 'chai';
import { classifyDatabaseError } from '../db/database-errors.ts';
import { useBackend } from '../provider/testing/backend-test-context.ts';

describe('backend database constraints', () => {
  const backend = useBackend();

  async function failureOf(write: () => Promise<unknown>): Promise<string> {
    try {
      await write();
    } catch (error) {
      return classifyDatabaseError(error);
    }
    throw new Error('the write succeeded');
  }

  it('a run must belong to an existing session (foreign key)', async () => {
    expect(
      await failureOf(
        () => backend.prisma.$executeRaw`
      INSERT INTO runs (session_id, party, map) VALUES (gen_random_uuid(), '{}', '{}')`,
      ),
    ).to.equal('foreign_key_violation');
  });

  it('points and stats cannot be negative', async () => {
    expect(
      await failureOf(() => backend.prisma.upgradePoints.create({ data: { playerId: 'p', points: -1 } })),
    ).to.equal('check_violation');
    expect(await failureOf(() => backend.prisma.upgradePoints.create({ data: { playerId: 'p', spd: -1 } }))).to.equal(
      'check_violation',
    );
  });

  it('a player is owned once (unique legacy_id)', async () => {
    await backend.factories.ownedPlayer({ playerId: 'twin' });
    expect(await failureOf(() => backend.factories.ownedPlayer({ playerId: 'twin' }))).to.equal('unique_violation');
  });

  it('party, map and player_data must be JSON objects', async () => {
    const session = await backend.factories.session();
    expect(
      await failureOf(
        () => backend.prisma.$executeRaw`
      INSERT INTO runs (session_id, party, map) VALUES (${session.id}::uuid, '[1]', '{}')`,
      ),
    ).to.equal('check_violation');
    expect(
      await failureOf(
        () => backend.prisma.$executeRaw`
      INSERT INTO owned_players (legacy_id, player_data) VALUES ('x', '"text"')`,
      ),
    ).to.equal('check_violation');
  });

  it('gacha rolls have a known type and catalog items cannot be deleted while rolled', async () => {
    expect(
      await failureOf(() => backend.prisma.gachaRoll.create({ data: { playerId: 'p', rollType: 'mystery' } })),
    ).to.equal('check_violation');
    const roll = await backend.factories.gachaRoll({ itemLegacyIds: ['char_luna'] });
    expect(roll.id).to.be.a('string');
    expect(await failureOf(() => backend.prisma.gachaItem.delete({ where: { legacyId: 'char_luna' } }))).to.equal(
      'foreign_key_violation',
    );
  });
});
