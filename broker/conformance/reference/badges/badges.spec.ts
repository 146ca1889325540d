// Ported from the Pact Broker's badge specs: spec/features/get_*_badge_spec.rb, spec/lib/pact_broker/api/
// resources/{badge,can_i_deploy_*_badge,can_i_merge_badge}_spec.rb, spec/lib/pact_broker/badges/
// service_spec.rb and spec/lib/pact_broker/verifications/pseudo_branch_status_spec.rb. The Pact Broker
// redirects to shields.io by default (our broker draws badges itself; BROKER_SHIELDS_IO_BASE_URL turns the
// redirect on): the redirect's URL shows the badge's texts and colour exactly, so the text examples run
// in redirect mode, and the drawn SVG is checked to say the same.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker, type BrokerTestContext } from '../../../testing/broker-test-context.ts';

const SHIELDS = 'https://img.shields.io';

function svg(broker: BrokerTestContext, path: string, headers: Record<string, string> = {}) {
  return request(broker.server)
    .get(path)
    .set(headers)
    .buffer(true)
    .parse((res, done) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      res.on('end', () => done(null, data));
    });
}

/** Foo's pact with Bar: version 1 verified by Bar 10 (unless `verification` says otherwise). */
async function aVerifiedPact(broker: BrokerTestContext, verification: { success?: boolean; pending?: boolean } = {}) {
  await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('10', verification);
}

describe('reference: pact badges, drawn (features/get_latest_*_badge_spec.rb, badge_spec.rb)', () => {
  const broker = useBroker({ config: { publicBadgeAccess: true } });
  const path = '/pacts/provider/Bar/consumer/Foo/latest/badge';

  // ref: spec/features/get_latest_pact_badge_spec.rb: "returns a 200 status"
  it('answers 200', async () => {
    await aVerifiedPact(broker);
    await svg(broker, path).expect(200);
  });

  // ref: spec/features/get_latest_pact_badge_spec.rb: "returns an svg/xml response"
  it('answers an SVG image', async () => {
    await aVerifiedPact(broker);
    expect((await svg(broker, path)).headers['content-type']).to.include('image/svg+xml');
  });

  // ref: spec/features/get_latest_pact_badge_spec.rb: "returns an svg body"
  it('answers the badge', async () => {
    await aVerifiedPact(broker);
    expect((await svg(broker, path)).body).to.match(/<svg [^>]*>.*<title>foo\/bar pact: verified<\/title>/s);
  });

  // ref: spec/features/get_latest_pact_badge_spec.rb: "returns a 200 status"
  it("answers 200 for a pact that doesn't exist", async () => {
    await svg(broker, '/pacts/provider/foo/consumer/bar/latest/badge').expect(200);
  });

  // ref: spec/features/get_latest_pact_badge_spec.rb: "returns an svg/xml response"
  it("answers an SVG image for a pact that doesn't exist", async () => {
    const res = await svg(broker, '/pacts/provider/foo/consumer/bar/latest/badge');
    expect(res.headers['content-type']).to.include('image/svg+xml');
  });

  // ref: spec/features/get_latest_pact_badge_spec.rb: "returns a static svg image"
  it("says unknown for a pact that doesn't exist", async () => {
    expect((await svg(broker, '/pacts/provider/foo/consumer/bar/latest/badge')).body).to.include('>unknown<');
  });

  describe('the latest tagged pact (get_latest_tagged_pact_badge_spec.rb)', () => {
    beforeEach(() =>
      broker
        .data()
        .consumer('consumer')
        .version('1.0.0', { tags: ['prod'] })
        .pact('provider')
        .verifiedBy('1', { success: true })
        .consumer('consumer')
        .version('1.2.3')
        .pact('provider')
        .verifiedBy('2', { success: false }),
    );
    const tagged = '/pacts/provider/provider/consumer/consumer/latest/prod/badge';

    // ref: spec/features/get_latest_tagged_pact_badge_spec.rb: "returns a 200 status"
    it('answers 200', async () => {
      await svg(broker, tagged).expect(200);
    });

    // ref: spec/features/get_latest_tagged_pact_badge_spec.rb: "returns an svg/xml response"
    it('answers an SVG image', async () => {
      expect((await svg(broker, tagged)).headers['content-type']).to.include('image/svg+xml');
    });

    // ref: spec/features/get_latest_tagged_pact_badge_spec.rb: "returns an svg body"
    it("shows the tagged version's verification, not the latest version's", async () => {
      expect((await svg(broker, tagged)).body).to.include('>verified<');
    });
  });

  describe('the latest untagged pact (get_latest_untagged_pact_badge_spec.rb)', () => {
    beforeEach(() =>
      broker
        .data()
        .consumer('consumer')
        .version('1.0.0')
        .pact('provider')
        .verifiedBy('1', { success: true })
        .consumer('consumer')
        .version('1.2.3', { tags: ['prod'] })
        .pact('provider')
        .verifiedBy('2', { success: false }),
    );
    const untagged = '/pacts/provider/provider/consumer/consumer/latest-untagged/badge';

    // ref: spec/features/get_latest_untagged_pact_badge_spec.rb: "returns a 200 status"
    it('answers 200', async () => {
      await svg(broker, untagged).expect(200);
    });

    // ref: spec/features/get_latest_untagged_pact_badge_spec.rb: "returns an svg/xml response"
    it('answers an SVG image', async () => {
      expect((await svg(broker, untagged)).headers['content-type']).to.include('image/svg+xml');
    });

    // ref: spec/features/get_latest_untagged_pact_badge_spec.rb: "returns an svg body"
    it("shows the untagged version's verification", async () => {
      expect((await svg(broker, untagged)).body).to.include('>verified<');
    });
  });

  describe('the matrix badge (get_matrix_badge_spec.rb)', () => {
    beforeEach(() =>
      broker
        .data()
        .consumer('consumer')
        .version('1', { tags: ['prod'] })
        .pact('provider')
        .verifiedBy('4', { tags: ['master'] }),
    );
    const matrix = '/matrix/provider/provider/latest/master/consumer/consumer/latest/prod/badge';

    // ref: spec/features/get_matrix_badge_spec.rb: "returns a 200 status"
    it('answers 200', async () => {
      await svg(broker, matrix).expect(200);
    });

    // ref: spec/features/get_matrix_badge_spec.rb: "returns an svg/xml response"
    it('answers an SVG image', async () => {
      expect((await svg(broker, matrix)).headers['content-type']).to.include('image/svg+xml');
    });

    // ref: spec/features/get_matrix_badge_spec.rb: "returns an svg body"
    it('shows the verification between the tagged versions, naming the tags', async () => {
      expect((await svg(broker, matrix)).body).to.include(
        '<title>consumer (prod)/provider (master) pact: verified</title>',
      );
    });

    // ref: spec/features/get_matrix_badge_spec.rb: "returns a 200 status as the badge content indicated the pact is not found"
    it('answers 200 saying "not found" when a pacticipant does not exist', async () => {
      const res = await svg(
        broker,
        '/matrix/provider/provider/latest/master/consumer/consumer2/latest/prod/badge',
      ).expect(200);
      expect(res.body).to.include('not found');
    });
  });

  describe('the badge resource (badge_spec.rb)', () => {
    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "retrieves the latest pact"
    it('draws the latest pact', async () => {
      await aVerifiedPact(broker);
      await broker.data().consumer('Foo').version('2').pact('Bar');
      expect((await svg(broker, path)).body).to.match(/^<!-- Foo version 2 revision 1 /);
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "retrieves the latest verification for the pact's consumer and provider"
    it("draws the latest verification of the consumer's and provider's pacts", async () => {
      await aVerifiedPact(broker);
      await broker.data().consumer('Foo').version('2').pact('Bar');
      expect((await svg(broker, path)).body).to.include('Bar version 10 number 1 -->');
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "does not retrieve the latest verification"
    it('for a pact that does not exist, names no verification', async () => {
      await aVerifiedPact(broker);
      expect((await svg(broker, '/pacts/provider/Bar/consumer/Nobody/latest/badge')).body).to.include(
        'Bar version ? number ? -->',
      );
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "determines the pact's verification status based on the latest pact and latest verification"
    it("says changed when the latest pact's content changed since the last successful verification", async () => {
      await aVerifiedPact(broker);
      await broker.data().consumer('Foo').version('2').pact('Bar');
      expect((await svg(broker, path)).body).to.include('>changed<');
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "creates a badge"
    it('draws a badge naming the consumer and provider', async () => {
      await aVerifiedPact(broker);
      expect((await svg(broker, path)).body).to.include('>foo/bar pact<');
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "returns a 200 status"
    it('answers 200 when drawing', async () => {
      await aVerifiedPact(broker);
      await svg(broker, path).expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "does not allow caching"
    it('forbids caching', async () => {
      await aVerifiedPact(broker);
      expect((await svg(broker, path)).headers['cache-control']).to.equal('no-cache');
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "returns the badge"
    it('answers the badge after the comment', async () => {
      await aVerifiedPact(broker);
      expect((await svg(broker, path)).body).to.match(/-->\n<svg .*<\/svg>$/s);
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "returns a comment with the consumer and provider numbers"
    it('begins with a comment naming the versions and verification it shows', async () => {
      await aVerifiedPact(broker);
      expect((await svg(broker, path)).body).to.match(/^<!-- Foo version 1 revision 1 Bar version 10 number 1 -->\n/);
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "creates a badge with the specified label"
    it('with label=consumer, names only the consumer', async () => {
      await aVerifiedPact(broker);
      expect((await svg(broker, `${path}?label=consumer`)).body).to.include('<title>foo pact: verified</title>');
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "creates a badge with initials"
    it('with initials=true, uses initials for names of several words', async () => {
      await broker.data().consumer('Foo-Bar').version('1').pact('Thing_Blah').verifiedBy('1');
      const res = await svg(broker, '/pacts/provider/Thing_Blah/consumer/Foo-Bar/latest/badge?initials=true');
      expect(res.body).to.include('<title>fb/tb pact: verified</title>');
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "returns a 200 status"
    it('answers 200 for a pact that is not found', async () => {
      await svg(broker, path).expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "retrieves the latest verification for the pact's consumer and provider and specified tag"
    it("for a tag, shows the tagged versions' latest verification", async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { tags: ['prod'] })
        .pact('Bar')
        .verifiedBy('10', { success: false })
        .consumer('Foo')
        .version('2')
        .pact('Bar')
        .verifiedBy('11');
      expect((await svg(broker, '/pacts/provider/Bar/consumer/Foo/latest/prod/badge')).body)
        .to.include('Bar version 10 number 1')
        .and.include('>failed<');
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "looks up the verification"
    it('for the matrix badge, uses the verification between the tagged versions', async () => {
      await broker
        .data()
        .consumer('consumer')
        .version('1', { tags: ['prod'] })
        .pact('provider')
        .verifiedBy('4', { tags: ['master'] })
        .verifiedBy('5', { tags: ['feat'], success: false });
      const res = await svg(broker, '/matrix/provider/provider/latest/master/consumer/consumer/latest/prod/badge');
      expect(res.body).to.include('provider version 4 number 1').and.include('>verified<');
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "returns the badge"
    it('for the matrix badge, draws one when a verification is found', async () => {
      await broker
        .data()
        .consumer('consumer')
        .version('1', { tags: ['prod'] })
        .pact('provider')
        .verifiedBy('4', { tags: ['master'] });
      expect(
        (await svg(broker, '/matrix/provider/provider/latest/master/consumer/consumer/latest/prod/badge')).body,
      ).to.include('<svg ');
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "returns the badge"
    it('for the matrix badge, draws an unknown badge when no verification is found', async () => {
      await broker
        .data()
        .consumer('consumer')
        .version('1', { tags: ['prod'] })
        .pact('provider')
        .verifiedBy('4', { tags: ['other'] });
      expect(
        (await svg(broker, '/matrix/provider/provider/latest/master/consumer/consumer/latest/prod/badge')).body,
      ).to.include('>unknown<');
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "does not look up the verification"
    it('for the matrix badge, says "pact not found" when there is no pact with the tag', async () => {
      await broker
        .data()
        .consumer('consumer')
        .version('1')
        .pact('provider')
        .verifiedBy('4', { tags: ['master'] });
      expect(
        (await svg(broker, '/matrix/provider/provider/latest/master/consumer/consumer/latest/prod/badge')).body,
      ).to.include('>pact not found<');
    });
  });

  describe('the status (pseudo_branch_status_spec.rb)', () => {
    // ref: spec/lib/pact_broker/verifications/pseudo_branch_status_spec.rb: "its(:to_sym) { is_expected.to eq :never }"
    it('never verified: unknown', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar');
      expect((await svg(broker, path)).body).to.include('>unknown<');
    });

    // ref: spec/lib/pact_broker/verifications/pseudo_branch_status_spec.rb: "its(:to_sym) { is_expected.to eq :success }"
    it('unchanged since a successful verification: verified', async () => {
      await aVerifiedPact(broker);
      expect((await svg(broker, path)).body).to.include('>verified<');
    });

    // ref: spec/lib/pact_broker/verifications/pseudo_branch_status_spec.rb: "its(:to_sym) { is_expected.to eq :failed }"
    it('unchanged since a failed verification: failed', async () => {
      await aVerifiedPact(broker, { success: false });
      expect((await svg(broker, path)).body).to.include('>failed<');
    });

    // ref: spec/lib/pact_broker/verifications/pseudo_branch_status_spec.rb: "its(:to_sym) { is_expected.to eq :failed_pending }"
    it('unchanged since a failed verification of a pending pact: failed (pending)', async () => {
      await aVerifiedPact(broker, { success: false, pending: true });
      expect((await svg(broker, path)).body).to.include('>failed (pending)<');
    });

    // ref: spec/lib/pact_broker/verifications/pseudo_branch_status_spec.rb: "its(:to_sym) { is_expected.to eq :stale }"
    it('changed since a successful verification: changed', async () => {
      await aVerifiedPact(broker);
      await broker.data().consumer('Foo').version('2').pact('Bar');
      expect((await svg(broker, path)).body).to.include('>changed<');
    });

    // ref: spec/lib/pact_broker/verifications/pseudo_branch_status_spec.rb: "its(:to_sym) { is_expected.to eq :failed }"
    it('changed since a failed verification: still failed', async () => {
      await aVerifiedPact(broker, { success: false });
      await broker.data().consumer('Foo').version('2').pact('Bar');
      expect((await svg(broker, path)).body).to.include('>failed<');
    });

    it('a pending failure is recorded from the pact URL the verifier was given (issue 10.8)', async () => {
      await broker.data().consumer('Foo', { mainBranch: 'main' }).version('1', { branch: 'main' }).pact('Bar');
      const selected = await request(broker.server)
        .post('/pacts/provider/Bar/for-verification')
        .send({
          consumerVersionSelectors: [{ mainBranch: true }],
          includePendingStatus: true,
          providerVersionBranch: 'main',
        })
        .expect(200);
      expect(selected.body._embedded.pacts[0].verificationProperties.pending).to.equal(true);
      const pactUrl = new URL(selected.body._embedded.pacts[0]._links.self.href).pathname;
      const pact = (await request(broker.server).get(pactUrl).expect(200)).body;
      await request(broker.server)
        .post(new URL(pact._links['pb:publish-verification-results'].href).pathname)
        .send({ success: false, providerApplicationVersion: '10' })
        .expect(201);
      expect(await broker.prisma.verification.findFirstOrThrow()).to.include({ pactPending: true });
      expect((await svg(broker, path)).body).to.include('>failed (pending)<');
    });
  });
});

describe('reference: badge access (badge_spec.rb)', () => {
  const auth = {
    readWrite: { username: 'admin', password: 'secret' },
    readWriteTokens: [],
    readOnlyTokens: [],
    allowPublicRead: false,
  };

  describe('without public badge access', () => {
    const broker = useBroker({ config: { auth } });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "returns a 401"
    it('answers 401 to a request without credentials', async () => {
      await svg(broker, '/pacts/provider/Bar/consumer/Foo/latest/badge').expect(401);
    });

    // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "returns a 200"
    it('answers 200 to an authenticated request', async () => {
      await svg(broker, '/pacts/provider/Bar/consumer/Foo/latest/badge', {
        Authorization: `Basic ${Buffer.from('admin:secret').toString('base64')}`,
      }).expect(200);
    });
  });
});

describe('reference: badges redirected to shields.io (badge_spec.rb, badges/service_spec.rb)', () => {
  const broker = useBroker({ config: { shieldsIoBaseUrl: SHIELDS, publicBadgeAccess: true } });
  const location = async (path: string) => {
    const res = await request(broker.server).get(path).redirects(0).expect(307);
    return res.headers.location as string;
  };

  // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "determines the URL of the badge to redirect to"
  it("redirects to the shields.io URL of the pact's badge", async () => {
    await aVerifiedPact(broker);
    expect(await location('/pacts/provider/Bar/consumer/Foo/latest/badge')).to.equal(
      `${SHIELDS}/badge/foo%2Fbar%20pact-verified-brightgreen.svg`,
    );
  });

  // ref: spec/lib/pact_broker/api/resources/badge_spec.rb: "returns a 301 redirect to the badge URL"
  it('answers 307 with no caching', async () => {
    await aVerifiedPact(broker);
    const res = await request(broker.server)
      .get('/pacts/provider/Bar/consumer/Foo/latest/badge')
      .redirects(0)
      .expect(307);
    expect(res.headers['cache-control']).to.equal('no-cache');
    expect(res.headers.location).to.match(/^https:\/\/img\.shields\.io\/badge\//);
  });

  describe("the badge's texts and colours (badges/service_spec.rb)", () => {
    const names = '/pacts/provider/Thing_Blah/consumer/Foo-Bar/latest/badge';
    const verified = () => broker.data().consumer('Foo-Bar').version('1').pact('Thing_Blah').verifiedBy('1');

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "returns a link to a 'pact not found' badge"
    it('a pact not found: "pact not found", unknown, grey', async () => {
      expect(await location(names)).to.equal(`${SHIELDS}/badge/pact%20not%20found-unknown-lightgrey.svg`);
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "creates a badge with the consumer and provider names"
    it('names the consumer and provider in lower case, doubling "-" and "_"', async () => {
      await verified();
      expect(await location(names)).to.equal(`${SHIELDS}/badge/foo--bar%2Fthing__blah%20pact-verified-brightgreen.svg`);
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "creates a badge with the consumer and provider initials"
    it('with initials, uses the initials of names of several words', async () => {
      await verified();
      expect(await location(`${names}?initials=true`)).to.equal(
        `${SHIELDS}/badge/fb%2Ftb%20pact-verified-brightgreen.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "creates a badge with the consumer and provider names, not initials"
    it('with initials, keeps one-word names whole', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('1');
      expect(await location('/pacts/provider/Bar/consumer/Foo/latest/badge?initials=true')).to.equal(
        `${SHIELDS}/badge/foo%2Fbar%20pact-verified-brightgreen.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "creates a badge with the consumer and provider names, not initials"
    it('with initials, splits camel-cased names ("FooApp", "barProvider")', async () => {
      await broker.data().consumer('FooApp').version('1').pact('barProvider').verifiedBy('1');
      expect(await location('/pacts/provider/barProvider/consumer/FooApp/latest/badge?initials=true')).to.equal(
        `${SHIELDS}/badge/fa%2Fbp%20pact-verified-brightgreen.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "creates a badge with the consumer and provider names, not initials"
    it('with initials, splits a run of capitals ("doAThing")', async () => {
      await broker.data().consumer('FooApp').version('1').pact('doAThing').verifiedBy('1');
      expect(await location('/pacts/provider/doAThing/consumer/FooApp/latest/badge?initials=true')).to.equal(
        `${SHIELDS}/badge/fa%2Fdat%20pact-verified-brightgreen.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "creates a badge with the consumer and provider names, not initials"
    it('for the matrix badge, names the tags', async () => {
      await broker
        .data()
        .consumer('Foo-Bar')
        .version('1', { tags: ['prod'] })
        .pact('Thing_Blah')
        .verifiedBy('1', { tags: ['master'] });
      expect(await location('/matrix/provider/Thing_Blah/latest/master/consumer/Foo-Bar/latest/prod/badge')).to.equal(
        `${SHIELDS}/badge/foo--bar%20%28prod%29%2Fthing__blah%20%28master%29%20pact-verified-brightgreen.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "creates a badge with only the consumer name"
    it('with label=consumer, names only the consumer', async () => {
      await verified();
      expect(await location(`${names}?label=consumer`)).to.equal(
        `${SHIELDS}/badge/foo--bar%20pact-verified-brightgreen.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "creates a badge with only the consumer initials"
    it("with label=consumer and initials, the consumer's initials", async () => {
      await verified();
      expect(await location(`${names}?label=consumer&initials=true`)).to.equal(
        `${SHIELDS}/badge/fb%20pact-verified-brightgreen.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "creates a badge with only the provider name"
    it('with label=provider, names only the provider', async () => {
      await verified();
      expect(await location(`${names}?label=provider`)).to.equal(
        `${SHIELDS}/badge/thing__blah%20pact-verified-brightgreen.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "creates a badge with only the provider initials"
    it("with label=provider and initials, the provider's initials", async () => {
      await verified();
      expect(await location(`${names}?label=provider&initials=true`)).to.equal(
        `${SHIELDS}/badge/tb%20pact-verified-brightgreen.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "create a green badge with left text 'verified'"
    it('verified: green', async () => {
      await verified();
      expect(await location(names)).to.match(/-verified-brightgreen\.svg$/);
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "create a lightgrey badge with left text 'unknown'"
    it('never verified: unknown, grey', async () => {
      await broker.data().consumer('Foo-Bar').version('1').pact('Thing_Blah');
      expect(await location(names)).to.match(/-unknown-lightgrey\.svg$/);
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "create a red badge with left text 'failed'"
    it('failed: red', async () => {
      await broker.data().consumer('Foo-Bar').version('1').pact('Thing_Blah').verifiedBy('1', { success: false });
      expect(await location(names)).to.match(/-failed-red\.svg$/);
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "create a red badge with left text 'failed'"
    it('failed while pending: "failed (pending)", red', async () => {
      await broker
        .data()
        .consumer('Foo-Bar')
        .version('1')
        .pact('Thing_Blah')
        .verifiedBy('1', { success: false, pending: true });
      expect(await location(names)).to.match(/-failed%20%28pending%29-red\.svg$/);
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "create a orange badge with left text 'changed'"
    it('changed since verified: orange', async () => {
      await verified();
      await broker.data().consumer('Foo-Bar').version('2').pact('Thing_Blah');
      expect(await location(names)).to.match(/-changed-orange\.svg$/);
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "is_expected.to eq URI(\"https://img.shields.io/badge/can--i--merge-success-brightgreen.svg\")"
    it('can-i-merge, true: success, green', async () => {
      await request(broker.server).post('/pacticipants').send({ name: 'Foo', mainBranch: 'main' }).expect(201);
      await broker.data().consumer('Foo').version('1', { branch: 'main' });
      expect(await location('/pacticipants/Foo/main-branch/can-i-merge/badge')).to.equal(
        `${SHIELDS}/badge/can--i--merge-success-brightgreen.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "is_expected.to eq URI(\"https://img.shields.io/badge/can--i--merge-failed-red.svg\")"
    it('can-i-merge, false: failed, red', async () => {
      await request(broker.server).post('/pacticipants').send({ name: 'Bar', mainBranch: 'main' }).expect(201);
      await request(broker.server).post('/pacticipants').send({ name: 'Foo', mainBranch: 'main' }).expect(201);
      await broker
        .data()
        .consumer('Foo')
        .version('1', { branch: 'main' })
        .pact('Bar')
        .verifiedBy('10', { branch: 'main', success: false });
      expect(await location('/pacticipants/Foo/main-branch/can-i-merge/badge')).to.equal(
        `${SHIELDS}/badge/can--i--merge-failed-red.svg`,
      );
    });

    // ref: spec/lib/pact_broker/badges/service_spec.rb: "it { is_expected.to eq URI(\"https://img.shields.io/badge/can--i--deploy-main%20to%20prod-brightgreen.svg\") }"
    it('can-i-deploy: "<tag> to <environment>"', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { tags: ['main'] });
      expect(await location('/pacticipants/Foo/latest-version/main/can-i-deploy/to/prod/badge')).to.equal(
        `${SHIELDS}/badge/can--i--deploy-main%20to%20prod-brightgreen.svg`,
      );
    });
  });

  describe('can-i-deploy and can-i-merge badges (can_i_deploy_*_badge_spec.rb, can_i_merge_badge_spec.rb)', () => {
    beforeEach(() =>
      broker
        .data()
        .environment('dev')
        .provider('Bar')
        .version('10', { branch: 'main' })
        .deployedTo('dev')
        .consumer('Foo')
        .version('1', { branch: 'main', tags: ['main'] })
        .pact('Bar')
        .verifiedBy('10'),
    );

    // ref: spec/features/get_can_i_deploy_badge_spec.rb: "returns a redirect response"
    it('the tag badge redirects to shields.io', async () => {
      expect(await location('/pacticipants/Foo/latest-version/main/can-i-deploy/to/prod/badge')).to.match(
        /^https:\/\/img\.shields\.io\/badge/,
      );
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_tag_to_tag_badge_spec.rb: "return the badge URL"
    it('the tag badge says "<tag> to <tag>" with the label given', async () => {
      await request(broker.server).put('/pacticipants/Bar/versions/10/tags/prod').send({}).expect(201);
      expect(
        await location('/pacticipants/Foo/latest-version/main/can-i-deploy/to/prod/badge?label=custom-label'),
      ).to.equal(`${SHIELDS}/badge/custom--label-main%20to%20prod-brightgreen.svg`);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_tag_to_tag_badge_spec.rb: "returns an error badge URL"
    it('the tag badge for an unknown pacticipant says "pacticipant: not found"', async () => {
      expect(await location('/pacticipants/Nobody/latest-version/main/can-i-deploy/to/prod/badge')).to.equal(
        `${SHIELDS}/badge/pacticipant-not%20found-lightgrey.svg`,
      );
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_tag_to_tag_badge_spec.rb: "returns an error badge URL"
    it('the tag badge for a tag with no version says "version: not found"', async () => {
      expect(await location('/pacticipants/Foo/latest-version/nothing/can-i-deploy/to/prod/badge')).to.equal(
        `${SHIELDS}/badge/version-not%20found-lightgrey.svg`,
      );
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_badge_spec.rb: "return the badge URL"
    it('the branch badge says "<branch> to <environment>" with the label given', async () => {
      expect(
        await location(
          '/pacticipants/Foo/branches/main/latest-version/can-i-deploy/to-environment/dev/badge?label=custom-label',
        ),
      ).to.equal(`${SHIELDS}/badge/custom--label-main%20to%20dev-brightgreen.svg`);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_badge_spec.rb: "uses the cvpv latestby so all versions released/deployed to the environment are evaluated"
    it('the branch badge checks every version deployed to the environment', async () => {
      // A second Bar version, also in dev, that failed to verify Foo's pact: not deployable.
      await broker.data().provider('Bar').version('11').deployedTo('dev', { applicationInstance: 'blue' });
      await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('11', { success: false });
      expect(
        await location('/pacticipants/Foo/branches/main/latest-version/can-i-deploy/to-environment/dev/badge'),
      ).to.match(/-red\.svg$/);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_badge_spec.rb: "returns an error badge URL"
    it('the branch badge for an unknown pacticipant says "pacticipant: not found"', async () => {
      expect(
        await location('/pacticipants/Nobody/branches/main/latest-version/can-i-deploy/to-environment/dev/badge'),
      ).to.equal(`${SHIELDS}/badge/pacticipant-not%20found-lightgrey.svg`);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_badge_spec.rb: "attempts to find the branch"
    it('the branch badge for an unknown branch says "branch: not found"', async () => {
      expect(
        await location('/pacticipants/Foo/branches/nothing/latest-version/can-i-deploy/to-environment/dev/badge'),
      ).to.equal(`${SHIELDS}/badge/branch-not%20found-lightgrey.svg`);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_badge_spec.rb: "returns an error badge URL"
    it('the branch badge for a branch with no version says "version: not found"', async () => {
      await request(broker.server).delete('/pacticipants/Foo/branches/main/versions/1').expect(204);
      expect(
        await location('/pacticipants/Foo/branches/main/latest-version/can-i-deploy/to-environment/dev/badge'),
      ).to.equal(`${SHIELDS}/badge/version-not%20found-lightgrey.svg`);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_badge_spec.rb: "returns an error badge URL"
    it('the branch badge for an unknown environment says "environment: not found"', async () => {
      expect(
        await location('/pacticipants/Foo/branches/main/latest-version/can-i-deploy/to-environment/nowhere/badge'),
      ).to.equal(`${SHIELDS}/badge/environment-not%20found-lightgrey.svg`);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_merge_badge_spec.rb: "returns a 307"
    it('the can-i-merge badge answers 307', async () => {
      await request(broker.server).patch('/pacticipants/Foo').send({ mainBranch: 'main' }).expect(200);
      await request(broker.server).get('/pacticipants/Foo/main-branch/can-i-merge/badge').redirects(0).expect(307);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_merge_badge_spec.rb: "return the badge URL"
    it('the can-i-merge badge may be cached for 30 seconds', async () => {
      await request(broker.server).patch('/pacticipants/Foo').send({ mainBranch: 'main' }).expect(200);
      await request(broker.server).patch('/pacticipants/Bar').send({ mainBranch: 'main' }).expect(200);
      const res = await request(broker.server)
        .get('/pacticipants/Foo/main-branch/can-i-merge/badge')
        .redirects(0)
        .expect(307);
      expect(res.headers.location).to.equal(`${SHIELDS}/badge/can--i--merge-success-brightgreen.svg`);
      expect(res.headers['cache-control']).to.equal('max-age=30');
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_merge_badge_spec.rb: "returns an error badge URL"
    it('the can-i-merge badge for an unknown pacticipant says "pacticipant: not found", not cached', async () => {
      const res = await request(broker.server)
        .get('/pacticipants/Nobody/main-branch/can-i-merge/badge')
        .redirects(0)
        .expect(307);
      expect(res.headers.location).to.equal(`${SHIELDS}/badge/pacticipant-not%20found-lightgrey.svg`);
      expect(res.headers['cache-control']).to.equal('no-cache');
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_merge_badge_spec.rb: "returns an error badge URL"
    it('the can-i-merge badge without a main branch version says "main branch version: not found"', async () => {
      // Bar's versions are on "main", which the broker took as its main branch: name one without versions.
      await request(broker.server).patch('/pacticipants/Bar').send({ mainBranch: 'trunk' }).expect(200);
      expect(await location('/pacticipants/Bar/main-branch/can-i-merge/badge')).to.equal(
        `${SHIELDS}/badge/main%20branch%20version-not%20found-lightgrey.svg`,
      );
    });
  });
});
