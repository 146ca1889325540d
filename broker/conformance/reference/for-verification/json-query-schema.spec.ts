// Ported from the Pact Broker's spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb:
// the rules for the POST body of pacts for verification, observed as the 400 and its errors.
import { expect } from 'chai';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { forVerificationClient } from '../support.ts';

describe('reference: pacts for verification, the JSON body rules', () => {
  const broker = useBroker();
  const client = forVerificationClient(broker);
  const errorsFor = (selectors: unknown, extra: Record<string, unknown> = {}) =>
    client.errors({ providerVersionTags: ['master'], consumerVersionSelectors: selectors, ...extra });
  const selectorErrors = async (selectors: unknown, extra: Record<string, unknown> = {}) =>
    (await errorsFor(selectors, extra)).consumerVersionSelectors ?? [];

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when nothing is specified"
  it('an empty body is valid', async () => {
    expect(await client.errors({})).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "has no errors"
  it('a latest tag selector with provider tags is valid', async () => {
    expect(await errorsFor([{ tag: 'master', latest: true }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when latest is specified"
  it('a fallback tag with latest: true is valid', async () => {
    expect(await errorsFor([{ tag: 'feat-x', fallbackTag: 'master', latest: true }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "has an error"
  it('a fallback tag without latest is an error at that index', async () => {
    const [first] = await selectorErrors([{ tag: 'feat-x', fallbackTag: 'master' }]);
    expect(first).to.match(/fallbackTag needs latest: true.*\(at index 0\)$/);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "merges the array"
  it("reports all of one selector's problems in the one list", async () => {
    expect(await selectorErrors([{ consumer: ' ', tag: 'feat-x', fallbackTag: 'master' }])).to.have.length(2);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when the latest version for a particular consumer is requested"
  it('the latest pact of a named consumer is valid', async () => {
    expect(await errorsFor([{ consumer: 'Foo', latest: true }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when the latest version for all is requested"
  it('the latest pact of every consumer is valid', async () => {
    expect(await errorsFor([{ latest: true }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when providerVersionTags is not an array"
  it('providerVersionTags that are not a list are an error under providerVersionTags', async () => {
    expect(await client.errors({ providerVersionTags: true })).to.have.key('providerVersionTags');
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when consumerVersionSelectors is not an array"
  it('selectors that are not a list are an error under consumerVersionSelectors', async () => {
    expect(await errorsFor(true)).to.have.key('consumerVersionSelectors');
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "flattens the messages"
  it('an empty selector selects nothing: an error at index 0', async () => {
    const [first] = await selectorErrors([{}]);
    expect(first).to.match(/selects nothing.*\(at index 0\)$/);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when the consumerVersionSelectors is missing the latest"
  it('a tag without latest (all versions with the tag) is valid', async () => {
    expect(await errorsFor([{ tag: 'master' }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when it is nil"
  it('includeWipPactsSince: null is an error', async () => {
    expect(await client.errors({ includeWipPactsSince: null })).to.have.key('includeWipPactsSince');
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when it is not a date"
  it('includeWipPactsSince that is not a date is an error', async () => {
    expect(await client.errors({ includeWipPactsSince: 'foo' })).to.have.key('includeWipPactsSince');
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when it is a valid date"
  it('includeWipPactsSince as a date-time with an offset is valid', async () => {
    expect(await client.errors({ includeWipPactsSince: '2013-02-13T20:04:45.000+11:00' })).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when a blank consumer name is specified"
  it('a blank consumer name is an error naming consumer, at its index', async () => {
    expect(await selectorErrors([{ tag: 'feat-x', consumer: ' ' }])).to.include(
      'consumer cannot be blank (at index 0)',
    );
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when a consumer name is specified with a latest tag"
  it('a consumer with a latest tag is valid', async () => {
    expect(await errorsFor([{ latest: true, tag: 'feat-x', consumer: 'foo' }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when deployed is specified"
  it('deployed: true is valid', async () => {
    expect(await errorsFor([{ deployed: true }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when released is specified"
  it('released: true is valid', async () => {
    expect(await errorsFor([{ released: true }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when the environment is specified"
  it('an environment that exists is valid', async () => {
    await broker.data().environment('test');
    expect(await errorsFor([{ environment: 'test' }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when deployed with an environment is specified"
  it('deployed to an environment that exists is valid', async () => {
    await broker.data().environment('feat');
    expect(await errorsFor([{ environment: 'feat', deployed: true }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when deployed=false with an environment is specified"
  it('deployed: false is an error (it can only be true)', async () => {
    await broker.data().environment('feat');
    const [first] = await selectorErrors([{ environment: 'feat', deployed: false }]);
    expect(first).to.equal('deployed can only be true (at index 0)');
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when the environment is specified and deployed is nil"
  it('deployed: null with an environment is an error (it must have a value)', async () => {
    const [first] = await selectorErrors([{ environment: 'feat', deployed: null }]);
    expect(first).to.equal('deployed must have a value (at index 0)');
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when deployed is nil"
  it('deployed: null is an error (it must have a value)', async () => {
    const [first] = await selectorErrors([{ deployed: null }]);
    expect(first).to.equal('deployed must have a value (at index 0)');
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when latest=true and an environment is specified"
  it('latest with an environment is an error naming both fields', async () => {
    await broker.data().environment('feat');
    const [first] = await selectorErrors([{ environment: 'feat', latest: true }]);
    expect(first).to.equal('the field latest cannot be combined with the field environment (at index 0)');
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when latest=true, tag and an environment and deployed are specified"
  it('branch fields with environment fields are an error naming them all, sorted', async () => {
    await broker.data().environment('feat');
    const problems = await selectorErrors([{ environment: 'feat', latest: true, tag: 'foo', deployed: true }]);
    expect(problems).to.include(
      'the fields latest/tag cannot be combined with the fields deployed/environment (at index 0)',
    );
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when a tag and a branch are specified"
  it('a tag and a branch together are an error', async () => {
    const [first] = await selectorErrors([{ branch: 'foo', tag: 'foo', latest: true }]);
    expect(first).to.match(/either a tag or a branch, not both \(at index 0\)$/);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when a fallbackTag is specified without a tag"
  it('a fallback tag without a tag is an error', async () => {
    expect(await selectorErrors([{ fallbackTag: 'foo', latest: true, branch: 'foo' }])).to.include(
      'fallbackTag needs a tag (at index 0)',
    );
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when a fallbackBranch is specified without a branch"
  it('a fallback branch without a branch is an error', async () => {
    expect(await selectorErrors([{ fallbackBranch: 'foo', tag: 'foo' }])).to.include(
      'fallbackBranch needs a branch (at index 0)',
    );
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when a branch is specified with no latest=true"
  it('a branch without latest is valid (a branch always selects its head)', async () => {
    expect(await errorsFor([{ branch: 'foo' }])).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when a branch is specified with latest=false"
  it('a branch with latest: false is an error', async () => {
    const [first] = await selectorErrors([{ branch: 'foo', latest: false }]);
    expect(first).to.match(/latest cannot be false \(at index 0\)$/);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when the environment does not exist"
  it('an environment that does not exist is an error naming it', async () => {
    const [first] = await selectorErrors([{ environment: 'prod' }]);
    expect(first).to.equal("no environment named 'prod' exists (at index 0)");
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "does not attempt to look up the environment"
  it('an environment name that is not a string is a type error, not an unknown environment', async () => {
    const problems = await selectorErrors([{ environment: 1 }]);
    expect(problems).to.deep.equal(['environment must be a string (at index 0)']);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when matchingBranch is true, but the providerVersionBranch is not set"
  it('matchingBranch without providerVersionBranch is an error naming providerVersionBranch', async () => {
    const [first] = await selectorErrors([{ matchingBranch: true }]);
    expect(first).to.match(/providerVersionBranch/);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when the providerVersionBranch is a space"
  it('a providerVersionBranch of spaces is an error: it cannot be blank', async () => {
    const errors = await client.errors({
      providerVersionBranch: ' ',
      consumerVersionSelectors: [{ matchingBranch: true }],
    });
    expect(errors.providerVersionBranch![0]).to.include('cannot be blank');
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "does not have any errors because the original schema (before dry-validation upgrade) didn't have any validation for the providerVersionBranch and if we introduce it now, we'll break everyone's builds (we know because we did it :grimace:)"
  it('an empty providerVersionBranch with provider tags is tolerated', async () => {
    expect(
      await client.errors({
        providerVersionBranch: '',
        providerVersionTags: ['master'],
        consumerVersionSelectors: [{ tag: 'master', latest: true }],
      }),
    ).to.deep.equal({});
  });

  describe('an empty providerVersionBranch', () => {
    const body = (extra: Record<string, unknown>) => ({
      providerVersionBranch: '',
      consumerVersionSelectors: [{ tag: 'master', latest: true }],
      ...extra,
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "return an error because we need the branch or tags to properly calculate the pending status, and a blank string is most likely user error"
    it('with pending status asked for and no tags, is an error (pending is worked out from the branch)', async () => {
      expect((await client.errors(body({ includePendingStatus: true }))).providerVersionBranch).to.not.be.empty;
      expect((await client.errors(body({ includeWipPactsSince: '2020-01-01' }))).providerVersionBranch).to.not.be.empty;
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when the tags is an empty array"
    it('with pending status or WIP pacts and an empty list of tags, is an error', async () => {
      const tags = { providerVersionTags: [] };
      expect(await client.errors(body({ includePendingStatus: true, ...tags }))).to.have.key('providerVersionBranch');
      expect(await client.errors(body({ includeWipPactsSince: '2020-01-01', ...tags }))).to.have.key(
        'providerVersionBranch',
      );
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when the tags are provided"
    it('with pending status or WIP pacts and provider tags, is tolerated (the tags are used)', async () => {
      const tags = { providerVersionTags: ['foo'] };
      expect(await client.errors(body({ includePendingStatus: true, ...tags }))).to.deep.equal({});
      expect(await client.errors(body({ includeWipPactsSince: '2020-01-01', ...tags }))).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "does not return an error because we're not using the branch for anything anyway"
    it('without pending status or WIP pacts, is tolerated', async () => {
      expect(await client.errors(body({ includePendingStatus: false }))).to.deep.equal({});
      expect(await client.errors(body({}))).to.deep.equal({});
    });
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "does not allow it"
  it('a providerVersionBranch of spaces is not allowed with any selector', async () => {
    const errors = await client.errors({ providerVersionBranch: ' ', consumerVersionSelectors: [{ latest: true }] });
    expect(errors.providerVersionBranch).to.not.be.empty;
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when mainBranch is true, and latest is false"
  it('mainBranch with latest: false is an error', async () => {
    const [first] = await selectorErrors([{ mainBranch: true, latest: false }]);
    expect(first).to.match(/latest cannot be false/);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when mainBranch is true, and latest is true"
  it('mainBranch with latest: true is valid', async () => {
    expect(await client.errors({ consumerVersionSelectors: [{ mainBranch: true, latest: true }] })).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when branch is true, and latest is true"
  it('branch: true with latest: true (every branch head) is valid', async () => {
    expect(await client.errors({ consumerVersionSelectors: [{ branch: true, latest: true }] })).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when branch is true, and latest is false"
  it('branch: true with latest: false is an error', async () => {
    const [first] = await selectorErrors([{ branch: true, latest: false }]);
    expect(first).to.match(/latest cannot be false/);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb: "when branch is false"
  it('branch: false is an error (a branch name or true)', async () => {
    const [first] = await selectorErrors([{ branch: false }]);
    expect(first).to.equal('branch must be a branch name or true (at index 0)');
  });
});
