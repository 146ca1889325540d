import { expect } from 'chai';
import { childrenFirst, resetStatement, type TableGraph } from './reset.ts';

function graph(tables: string[], edges: [child: string, parent: string][]): TableGraph {
  const referencedBy = new Map<string, Set<string>>();
  for (const [child, parent] of edges) referencedBy.set(parent, new Set([...(referencedBy.get(parent) ?? []), child]));
  return { tables, referencedBy };
}

describe('test database reset', () => {
  it('orders tables children first, whatever their names', () => {
    const g = graph(
      ['a_parent', 'b_child', 'c_grandchild', 'd_alone'],
      [
        ['b_child', 'a_parent'],
        ['c_grandchild', 'b_child'],
      ],
    );
    const order = childrenFirst(g, g.tables)!;
    expect(order.indexOf('c_grandchild')).to.be.lessThan(order.indexOf('b_child'));
    expect(order.indexOf('b_child')).to.be.lessThan(order.indexOf('a_parent'));
    expect(order).to.have.members(g.tables);
  });

  it('keeps reference tables and deletes from the rest', () => {
    const g = graph(
      ['items', 'rolls', 'roll_items'],
      [
        ['roll_items', 'rolls'],
        ['roll_items', 'items'],
      ],
    );
    expect(resetStatement(g, ['items'])).to.equal('DELETE FROM "roll_items";\nDELETE FROM "rolls";');
  });

  it('falls back to TRUNCATE ... CASCADE when foreign keys form a cycle', () => {
    const g = graph(
      ['a', 'b'],
      [
        ['a', 'b'],
        ['b', 'a'],
      ],
    );
    expect(childrenFirst(g, g.tables)).to.equal(undefined);
    expect(resetStatement(g, [])).to.equal('TRUNCATE "a", "b" RESTART IDENTITY CASCADE');
  });
});
