// Ported from the Pact Broker's query string rules for GET (spec/lib/pact_broker/api/contracts/
// pacts_for_verification_query_string_schema_spec.rb), its resource and decorator specs
// (spec/lib/pact_broker/api/resources/provider_pacts_for_verification_spec.rb,
// spec/lib/pact_broker/api/decorators/pacts_for_verification_query_decorator_spec.rb) and the feature
// spec/features/get_provider_pacts_for_verification_spec.rb.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { forVerificationClient, pactContent, versionsOf } from '../support.ts';

describe('reference: asking for pacts for verification (GET and POST)', () => {
  const broker = useBroker();
  const client = forVerificationClient(broker);
  const getErrors = async (query: string) => {
    const res = await request(broker.server).get(`/pacts/provider/Bar/for-verification${query}`);
    return res.status === 400 ? (res.body.errors as Record<string, string[]>) : {};
  };

  beforeEach(() =>
    broker
      .data()
      .provider('Bar')
      .consumer('Foo')
      .version('0.0.1')
      .pact('Bar', pactContent('Foo', 'Bar', 'some content'))
      .consumer('Foo 2')
      .version('4.5.6', { tags: ['prod'] })
      .pact('Bar', pactContent('Foo 2', 'Bar', 'some other content')),
  );

  describe('the GET query string', () => {
    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_query_string_schema_spec.rb: "has no errors"
    it('tag selectors with latest and provider tags are valid', async () => {
      const query =
        '?provider_version_tags[]=master&consumer_version_selectors[][tag]=master&consumer_version_selectors[][latest]=true';
      expect(await getErrors(query)).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_query_string_schema_spec.rb: "when provider_version_tags is not an array"
    it('provider_version_tags that are not a list are an error under provider_version_tags', async () => {
      expect(await getErrors('?provider_version_tags=foo')).to.have.key('provider_version_tags');
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_query_string_schema_spec.rb: "flattens the messages"
    it('a selector without a tag is an error at its index', async () => {
      const errors = await getErrors('?consumer_version_selectors[][latest]=true');
      expect(errors.consumer_version_selectors).to.deep.equal(['tag is missing (at index 0)']);
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_query_string_schema_spec.rb: "when the consumer_version_selectors is missing the latest"
    it('a tag selector without latest is valid', async () => {
      expect(await getErrors('?consumer_version_selectors[][tag]=master')).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_query_string_schema_spec.rb: "when it is nil"
    it('an include_wip_pacts_since without a value is an error', async () => {
      expect(await getErrors('?include_wip_pacts_since')).to.have.key('include_wip_pacts_since');
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_query_string_schema_spec.rb: "when it is not a date"
    it('an include_wip_pacts_since that is not a date is an error', async () => {
      expect(await getErrors('?include_wip_pacts_since=foo')).to.have.key('include_wip_pacts_since');
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_query_string_schema_spec.rb: "when it is a valid date"
    it('an include_wip_pacts_since date-time is valid', async () => {
      expect(await getErrors('?include_wip_pacts_since=2013-02-13T20%3A04%3A45.000%2B11%3A00')).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_query_string_schema_spec.rb: "has an error"
    it('an empty consumer name is an error saying it needs a value', async () => {
      const errors = await getErrors(
        '?consumer_version_selectors[][tag]=feat-x&consumer_version_selectors[][consumer]=',
      );
      expect(errors.consumer_version_selectors![0]).to.match(/consumer must have a value \(at index 0\)/);
    });

    // ref: spec/lib/pact_broker/api/resources/provider_pacts_for_verification_spec.rb: "finds the pacts for verification by the provider"
    it('applies the selectors of the query string (they used to be ignored)', async () => {
      const pacts = await client.get(
        '?consumer_version_selectors[][tag]=prod&consumer_version_selectors[][latest]=true',
      );
      expect(versionsOf(pacts)).to.deep.equal(['Foo 2 4.5.6']);
      expect(pacts[0]!.shortDescription).to.equal('latest with tag prod');
    });

    // ref: spec/lib/pact_broker/api/resources/provider_pacts_for_verification_spec.rb: "returns the keys with the right case"
    it('reports problems under the snake_case keys of the query string', async () => {
      const res = await request(broker.server).get('/pacts/provider/Bar/for-verification?provider_version_tags=true');
      expect(res.status).to.equal(400);
      expect(res.body.errors).to.have.key('provider_version_tags');
    });

    // ref: spec/lib/pact_broker/api/resources/provider_pacts_for_verification_spec.rb: "uses the correct options for the decorator"
    it('takes include_pending_status and provider tags from the query', async () => {
      const [pact] = await client.get(
        '?provider_version_tags[]=master&consumer_version_selectors[][tag]=prod' +
          '&consumer_version_selectors[][latest]=true&include_pending_status=true',
      );
      expect(pact!.pending).to.equal(true);
    });

    // ref: spec/lib/pact_broker/api/decorators/pacts_for_verification_query_decorator_spec.rb: "parses a string 'latest' to a boolean"
    it('reads latest=true as the latest version with the tag, and no latest as every version', async () => {
      await broker
        .data()
        .consumer('Foo 2')
        .version('4.5.7', { tags: ['prod'] })
        .pact('Bar');
      expect(
        versionsOf(
          await client.get('?consumer_version_selectors[][tag]=prod&consumer_version_selectors[][latest]=true'),
        ),
      ).to.deep.equal(['Foo 2 4.5.7']);
      expect(versionsOf(await client.get('?consumer_version_selectors[][tag]=prod'))).to.have.members([
        'Foo 2 4.5.6',
        'Foo 2 4.5.7',
      ]);
    });
  });

  describe('the feature', () => {
    // ref: spec/features/get_provider_pacts_for_verification_spec.rb: "returns a 200 HAL JSON response"
    it('GET answers 200 in HAL', async () => {
      const res = await request(broker.server)
        .get(
          '/pacts/provider/Bar/for-verification?consumer_version_selectors[][tag]=prod&consumer_version_selectors[][latest]=true',
        )
        .expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/get_provider_pacts_for_verification_spec.rb: "returns a list of links to the pacts"
    it('GET lists the selected pact', async () => {
      expect(
        await client.get('?consumer_version_selectors[][tag]=prod&consumer_version_selectors[][latest]=true'),
      ).to.have.length(1);
    });

    // ref: spec/features/get_provider_pacts_for_verification_spec.rb: "returns a deprecation notice"
    it('GET answers with a deprecation warning as the first notice', async () => {
      const [pact] = await client.get(
        '?consumer_version_selectors[][tag]=prod&consumer_version_selectors[][latest]=true',
      );
      expect(pact!.notices[0]!.text).to.match(/^WARNING/);
    });

    // ref: spec/features/get_provider_pacts_for_verification_spec.rb: "returns a 404 response"
    it('GET and POST for a provider that does not exist are 404', async () => {
      await request(broker.server).get('/pacts/provider/ProviderThatDoesNotExist/for-verification').expect(404);
      await request(broker.server)
        .post('/pacts/provider/ProviderThatDoesNotExist/for-verification')
        .send({})
        .expect(404);
    });

    // ref: spec/features/get_provider_pacts_for_verification_spec.rb: "returns a list of links to the pacts"
    it('POST lists the selected pact', async () => {
      const body = {
        consumerVersionSelectors: [{ tag: 'prod', latest: true }],
        includePendingStatus: false,
        providerVersionTags: ['main'],
      };
      expect(versionsOf(await client.post(body))).to.deep.equal(['Foo 2 4.5.6']);
    });

    // ref: spec/features/get_provider_pacts_for_verification_spec.rb: "does not include a deprecation notice"
    it('POST has no deprecation warning', async () => {
      const [pact] = await client.post({ consumerVersionSelectors: [{ tag: 'prod', latest: true }] });
      expect(pact!.notices[0]!.text).to.not.match(/^WARNING/);
    });

    // ref: spec/lib/pact_broker/api/resources/provider_pacts_for_verification_spec.rb: "with the wrong content type"
    it('POST with a body that is not JSON is 415', async () => {
      await request(broker.server)
        .post('/pacts/provider/Bar/for-verification')
        .set('content-type', 'text/plain')
        .send('foo bar')
        .expect(415);
    });
  });
});
