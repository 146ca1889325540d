// Which pacticipants talk to which: consumers point at their providers, laid out left to right by ELK's
// layered algorithm (elkjs), drawn as SVG by the template. Edges are coloured by the latest pact's
// verification. `?pacticipant=X` keeps X and its direct partners.
import elkBundle from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Urls } from '../../urls.ts';
import type { IntegrationSummary } from '../dashboard.service.ts';

// elkjs is CommonJS declaring an ES default export: under Node's ESM interop the constructor is `.default`.
const elk = new elkBundle.default();
const NODE_HEIGHT = 36;
const widthOf = (name: string) => Math.max(90, Math.min(280, 16 + name.length * 8));

export async function networkPage(urls: Urls, all: IntegrationSummary[], focus: string | undefined) {
  let integrations = all;
  if (focus) integrations = integrations.filter((row) => row.consumerName === focus || row.providerName === focus);
  const names = [...new Set(integrations.flatMap((row) => [row.consumerName, row.providerName]))].sort();
  const id = (name: string) => `n${names.indexOf(name)}`;
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.edgeRouting': 'POLYLINE',
    },
    children: names.map((name) => ({ id: id(name), width: widthOf(name), height: NODE_HEIGHT })),
    edges: integrations.map((row, index): ElkExtendedEdge => ({
      id: `e${index}`,
      sources: [id(row.consumerName)],
      targets: [id(row.providerName)],
    })),
  };
  const graph = await elk.layout(input);
  const nodes = (graph.children ?? []).map((node) => {
    const name = names[Number(node.id.slice(1))]!;
    return {
      name,
      x: node.x ?? 0,
      y: node.y ?? 0,
      width: node.width ?? 0,
      height: node.height ?? 0,
      focus: name === focus,
      href: urls.network(name),
    };
  });
  const edges = (graph.edges ?? []).map((edge) => {
    const row = integrations[Number(edge.id.slice(1))]!;
    const section = edge.sections?.[0];
    const points = section
      ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]
          .map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
          .join(' ')
      : '';
    const status = row.verification === null ? 'unverified' : row.verification.success ? 'verified' : 'failed';
    return {
      points,
      status,
      title: `${row.consumerName} → ${row.providerName}: ${status}`,
      href: urls.integrationMatrix(row.providerName, row.consumerName),
    };
  });
  return {
    title: 'Network',
    nav: 'network',
    focus,
    nodes,
    edges,
    width: Math.ceil((graph.width ?? 0) + 24),
    height: Math.ceil((graph.height ?? 0) + 24),
  };
}
