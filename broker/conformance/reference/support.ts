// Helpers for the ported reference examples (broker/conformance/reference/**): asking for pacts for
// verification over HTTP and reading the answer back in the terms the Pact Broker's specs use, which
// consumer versions were selected, why (the selectors in each pact URL's metadata), pending and WIP.
import request from 'supertest';
import { decodeMetadata } from '../../for-verification/metadata.ts';
import type { BrokerTestContext } from '../../testing/broker-test-context.ts';

export interface SelectedPact {
  consumer: string;
  /** The consumer version named in the pact's link (the newest one with this content). */
  version: string;
  shortDescription: string;
  pending: boolean | undefined;
  wip: boolean;
  notices: { when: string; text: string }[];
  href: string;
  /** The selectors recorded in the URL's metadata, with their consumer versions by number. */
  selectors: { version: string; tag?: string; branch?: string; latest?: boolean; environment?: string }[];
}

/** A pact content of its own for each call (the test data builder's default content is unique too). */
export function pactContent(consumer: string, provider: string, id: string | number = Math.random()) {
  return {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: [
      { description: `request ${id}`, request: { method: 'GET', path: `/${id}` }, response: { status: 200 } },
    ],
    metadata: { pactSpecification: { version: '2.0.0' } },
  };
}

export function forVerificationClient(broker: BrokerTestContext) {
  async function read(body: { _embedded: { pacts: Record<string, never>[] } }): Promise<SelectedPact[]> {
    const versions = new Map((await broker.prisma.version.findMany()).map((version) => [version.id, version.number]));
    return body._embedded.pacts.map((pact: Record<string, unknown>) => {
      const links = pact._links as { self: { href: string; name: string } };
      const properties = pact.verificationProperties as SelectedPact['notices'] & Record<string, unknown>;
      const [, consumer, version] = /^Pact between (.+) \((.+)\) and /.exec(links.self.name)!;
      const metadata = decodeMetadata(links.self.href.split('/metadata/')[1] ?? '');
      return {
        consumer: consumer!,
        version: version!,
        shortDescription: pact.shortDescription as string,
        pending: properties.pending as boolean | undefined,
        wip: properties.wip === true,
        notices: properties.notices as SelectedPact['notices'],
        href: links.self.href,
        selectors: (metadata?.selectors ?? []).map(({ consumerVersionId, ...rest }) => ({
          version: versions.get(consumerVersionId) ?? String(consumerVersionId),
          ...rest,
        })),
      };
    });
  }

  return {
    /** POST .../for-verification; expects 200. */
    async post(body: Record<string, unknown>, provider = 'Bar'): Promise<SelectedPact[]> {
      const res = await request(broker.server).post(`/pacts/provider/${provider}/for-verification`).send(body);
      if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${res.text}`);
      return read(res.body);
    },
    /** GET .../for-verification with a query string; expects 200. */
    async get(query = '', provider = 'Bar'): Promise<SelectedPact[]> {
      const res = await request(broker.server).get(`/pacts/provider/${provider}/for-verification${query}`);
      if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${res.text}`);
      return read(res.body);
    },
    /** The 400's errors for a POST body. */
    async errors(body: unknown, provider = 'Bar'): Promise<Record<string, string[]>> {
      const res = await request(broker.server)
        .post(`/pacts/provider/${provider}/for-verification`)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body));
      if (res.status === 200 || res.status === 404) return {}; // valid (404: no such provider yet)
      if (res.status !== 400) throw new Error(`expected 200 or 400, got ${res.status}: ${res.text}`);
      return res.body.errors;
    },
  };
}

/** "Consumer version" of each selected pact. */
export const versionsOf = (pacts: SelectedPact[]) => pacts.map((pact) => `${pact.consumer} ${pact.version}`);
