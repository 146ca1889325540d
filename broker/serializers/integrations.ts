// The integrations as a Graphviz graph and as the relationships CSV (a format the Pact Broker offers
// for network diagram tools), written here: both are a few lines over the list.
import type { IntegrationPair } from '../integrations/integrations.service.ts';

/**
 * A node name for DOT: plain names stay as they are (as the Pact Broker writes them), any other is
 * quoted, so names with spaces, dashes or quotes still give a valid graph.
 */
function dotId(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function integrationsDot(pairs: { consumer: { name: string }; provider: { name: string } }[]): string {
  const edges = pairs.map((pair) => `  ${dotId(pair.consumer.name)} -> ${dotId(pair.provider.name)}`).join('\n');
  return `digraph { ranksep=3; ratio=auto; overlap=false; node [  shape = plaintext, fontname = Helvetica ];\n${edges}\n}\n`;
}

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * One row per pacticipant, in order of appearance: id, name, three fixed columns the diagram tools
 * expect (1, 1, 0), its position, then the ids of the providers it has pacts with; padded with 0 to
 * the longest row.
 */
export function relationshipsCsv(pairs: IntegrationPair[]): string {
  const rows = new Map<number, (string | number)[]>();
  const rowOf = (pacticipant: IntegrationPair['consumer']) => {
    let row = rows.get(pacticipant.id);
    if (!row) rows.set(pacticipant.id, (row = [pacticipant.id, pacticipant.name, 1, 1, 0, rows.size + 1]));
    return row;
  };
  for (const pair of pairs) {
    const consumerRow = rowOf(pair.consumer);
    rowOf(pair.provider);
    consumerRow.push(pair.provider.id);
  }
  const width = Math.max(0, ...[...rows.values()].map((row) => row.length));
  return [...rows.values()]
    .map((row) => [...row, ...Array<number>(width - row.length).fill(0)].map(csvField).join(',') + '\n')
    .join('');
}
