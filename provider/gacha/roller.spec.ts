import { expect } from 'chai';
import { pickItems, pickRarity, RARITY_ODDS, ROLL_TYPES } from './roller.ts';
import { sequenceRandom } from '../testing/random.ts';

describe('gacha roller', () => {
  it("each roll type's odds sum to 1", () => {
    for (const type of ROLL_TYPES) {
      const total = RARITY_ODDS[type].reduce((sum, { chance }) => sum + chance, 0);
      expect(total).to.be.closeTo(1, 1e-9);
    }
  });

  it('maps the random value onto the odds table', () => {
    expect(pickRarity('standard', () => 0.0)).to.equal(5);
    expect(pickRarity('standard', () => 0.1)).to.equal(4);
    expect(pickRarity('standard', () => 0.5)).to.equal(3);
    expect(pickRarity('premium', () => 0.99999999)).to.equal(4);
    expect(pickRarity('premium', () => 0.1)).to.equal(5);
  });

  it('picks uniformly among the items of the drawn rarity', () => {
    const catalog = [
      { rarity: 3, id: 'a' },
      { rarity: 3, id: 'b' },
      { rarity: 5, id: 'c' },
    ];
    expect(
      pickItems(catalog, 'standard', 2, sequenceRandom([0.5, 0.99, 0.5, 0.0])).map((item) => item.id),
    ).to.deep.equal(['b', 'a']);
  });

  it('refuses to draw from an empty catalog', () => {
    expect(() => pickItems([], 'standard', 1, Math.random)).to.throw('catalog is empty');
  });
});
