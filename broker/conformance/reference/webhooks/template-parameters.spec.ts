// Ported from the Pact Broker's template rendering specs (spec/lib/pact_broker/webhooks/render_spec.rb,
// pact_and_verification_parameters_spec.rb, webhook_request_template_spec.rb). Their pact and
// verification doubles become real situations, each built over HTTP and delivered to a real receiver
// by the broker's own worker; every case then reads one value from what was delivered:
//   a verification event                 -> the reference's "pact" with "verification"/"failed_verification"
//   a contract event, never verified      -> "pact_with_no_verification" (and "pact" with "nil_verification")
//   a contract event, content verified    -> "pact_with_successful_verification"/"pact_with_failed_verification"
//   a test execution with no pact at all  -> "nil_pact" (the placeholder pact, never verified)
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { buildPact } from '../../../testing/test-data.ts';
import { PARAMETER_NAMES } from '../../../webhooks/parameters.ts';
import { WebhookReceiver } from '../../../webhooks/testing/receiver.ts';
import { eventually, pactOf, pathOf, publish, publishResult } from './webhook-client.ts';

type Values = Record<string, string>;

/**
 * A body asking for every variable: { pactUrl: "${pactbroker.pactUrl}", ... }, except the deployed
 * provider version's, which makes a webhook fire once per deployed provider version (and not at all when
 * none is deployed: see triggering-and-delivery.spec.ts).
 */
const EVERY_VARIABLE = Object.fromEntries(
  PARAMETER_NAMES.filter((name) => name !== 'pactbroker.currentlyDeployedProviderVersionNumber').map((name) => [
    name.slice('pactbroker.'.length),
    `\${${name}}`,
  ]),
);

describe('reference: webhook template values (render_spec.rb)', function () {
  this.timeout(60_000);
  const broker = useBroker({
    webhookWorker: true,
    config: { webhookSchemes: ['http'], webhookHosts: ['127.0.0.1'], webhookRetrySchedule: [] },
  });
  const receiver = new WebhookReceiver();
  before(() => receiver.start());
  beforeEach(() => receiver.reset());
  after(() => receiver.stop());

  /** Foo 1.2.3+foo (branches foo-branch then consumer-branch, tag test, labels foo and bar) and Bar (labels finance, IT). */
  async function theConsumerVersion(events: string[], pactContent = buildPact('Foo', 'Bar')) {
    await request(broker.server).post('/pacticipants').send({ name: 'Bar' }).expect(201);
    for (const label of ['finance', 'IT'])
      await request(broker.server).put(`/pacticipants/Bar/labels/${label}`).send({});
    for (const label of ['foo', 'bar']) await request(broker.server).put(`/pacticipants/Foo/labels/${label}`).send({});
    await request(broker.server).put('/pacticipants/Foo/branches/foo-branch/versions/1.2.3+foo').send({}).expect(201);
    await request(broker.server)
      .post('/webhooks')
      .send({
        events: events.map((name) => ({ name })),
        request: { method: 'POST', url: `${receiver.url}/hook`, body: EVERY_VARIABLE },
      })
      .expect(201);
    await publish(broker, {
      consumer: 'Foo',
      version: '1.2.3+foo',
      provider: 'Bar',
      branch: 'consumer-branch',
      tags: ['test'],
      buildUrl: 'http://build',
      pact: pactContent,
    });
  }

  /** Provider version 3 (tags test and prod, branches foo-branch then provider-branch) verifies Foo 1.2.3+foo's pact. */
  async function verifiedByVersion3(success: boolean, buildUrl = 'http://provider-build/3') {
    await request(broker.server).put('/pacticipants/Bar/branches/foo-branch/versions/3').send({}).expect(201);
    await request(broker.server).put('/pacticipants/Bar/branches/provider-branch/versions/3').send({}).expect(201);
    for (const tag of ['test', 'prod'])
      await request(broker.server).put(`/pacticipants/Bar/versions/3/tags/${tag}`).send({});
    const pact = await pactOf(broker, 'Bar', 'Foo', '1.2.3+foo');
    return publishResult(broker, pact._links['pb:publish-verification-results']!.href, {
      success,
      providerApplicationVersion: '3',
      buildUrl,
    });
  }

  const delivered = async (count = 1): Promise<Values[]> =>
    eventually(`${count} deliveries`, async () =>
      receiver.received.length >= count ? receiver.received.map((each) => JSON.parse(each.body) as Values) : undefined,
    );

  /** Builds a situation once (the database is emptied before each test) and remembers what it delivered. */
  function situation(build: () => Promise<Values>): () => Promise<Values> {
    let values: Values | undefined;
    return async () => {
      if (values) return values;
      receiver.reset();
      values = await build();
      return values;
    };
  }

  const verificationEvent = (success: boolean) =>
    situation(async () => {
      await theConsumerVersion(['provider_verification_published']);
      await verifiedByVersion3(success);
      return (await delivered())[0]!;
    });
  const contractEvent = (verification: 'none' | 'success' | 'failure') =>
    situation(async () => {
      const content = buildPact('Foo', 'Bar');
      if (verification === 'none') {
        await theConsumerVersion(['contract_published'], content);
        return (await delivered())[0]!;
      }
      // The same content was published and verified before: the new publication's pact has that verification.
      await publish(broker, { consumer: 'Foo', version: '1.0.0', provider: 'Bar', pact: content });
      const earlier = await pactOf(broker, 'Bar', 'Foo', '1.0.0');
      await request(broker.server).put('/pacticipants/Bar/branches/foo-branch/versions/3').send({}).expect(201);
      await request(broker.server).put('/pacticipants/Bar/branches/provider-branch/versions/3').send({}).expect(201);
      for (const tag of ['test', 'prod'])
        await request(broker.server).put(`/pacticipants/Bar/versions/3/tags/${tag}`).send({});
      await publishResult(broker, earlier._links['pb:publish-verification-results']!.href, {
        success: verification === 'success',
        providerApplicationVersion: '3',
      });
      await theConsumerVersion(['contract_published'], content);
      return (await delivered())[0]!;
    });
  const noPact = situation(async () => {
    const created = await request(broker.server)
      .post('/webhooks/execute')
      .send({
        events: [{ name: 'contract_published' }],
        request: { method: 'POST', url: `${receiver.url}/hook`, body: EVERY_VARIABLE },
      })
      .expect(200);
    expect(created.body.success).to.equal(true);
    return (await delivered())[0]!;
  });

  const pactWithVerification = verificationEvent(true);
  const pactWithFailedVerification = verificationEvent(false);
  const pactNeverVerified = contractEvent('none');
  const pactWithSuccessfulVerification = contractEvent('success');
  const pactWithFailedEarlierVerification = contractEvent('failure');

  const cases: [variable: string, expected: string | RegExp, from: () => Promise<Values>, said: string][] = [
    [
      'pactUrl',
      /\/pacts\/provider\/Bar\/consumer\/Foo\/pact-version\/[0-9a-f]+\/metadata\/[A-Za-z0-9_-]+$/,
      pactWithVerification,
      'pact with verification',
    ],
    ['consumerVersionNumber', '1.2.3+foo', pactWithVerification, 'pact with verification'],
    ['providerVersionNumber', '3', pactWithVerification, 'pact with verification'],
    ['providerVersionNumber', '', pactNeverVerified, 'pact without verification'],
    ['consumerName', 'Foo', pactWithVerification, 'pact with verification'],
    ['providerName', 'Bar', pactWithVerification, 'pact with verification'],
    ['githubVerificationStatus', 'success', pactWithVerification, 'pact with verification'],
    ['githubVerificationStatus', 'failure', pactWithFailedVerification, 'pact with failed verification'],
    ['githubVerificationStatus', 'pending', noPact, 'no pact and no verification'],
    ['githubVerificationStatus', 'pending', pactNeverVerified, 'pact never verified'],
    ['githubVerificationStatus', 'success', pactWithSuccessfulVerification, 'pact with successful verification'],
    ['githubVerificationStatus', 'failure', pactWithFailedEarlierVerification, 'pact with failed verification'],
    ['bitbucketVerificationStatus', 'SUCCESSFUL', pactWithVerification, 'pact with verification'],
    ['bitbucketVerificationStatus', 'FAILED', pactWithFailedVerification, 'pact with failed verification'],
    ['bitbucketVerificationStatus', 'INPROGRESS', noPact, 'no pact and no verification'],
    ['bitbucketVerificationStatus', 'INPROGRESS', pactNeverVerified, 'pact never verified'],
    ['bitbucketVerificationStatus', 'SUCCESSFUL', pactWithSuccessfulVerification, 'pact with successful verification'],
    ['bitbucketVerificationStatus', 'FAILED', pactWithFailedEarlierVerification, 'pact with failed verification'],
    ['azureDevOpsVerificationStatus', 'succeeded', pactWithVerification, 'pact with verification'],
    ['azureDevOpsVerificationStatus', 'failed', pactWithFailedVerification, 'pact with failed verification'],
    ['azureDevOpsVerificationStatus', 'pending', noPact, 'no pact and no verification'],
    ['azureDevOpsVerificationStatus', 'pending', pactNeverVerified, 'pact never verified'],
    ['azureDevOpsVerificationStatus', 'succeeded', pactWithSuccessfulVerification, 'pact with successful verification'],
    ['azureDevOpsVerificationStatus', 'failed', pactWithFailedEarlierVerification, 'pact with failed verification'],
    ['gitlabVerificationStatus', 'success', pactWithVerification, 'pact with verification'],
    ['gitlabVerificationStatus', 'failed', pactWithFailedVerification, 'pact with failed verification'],
    ['gitlabVerificationStatus', 'pending', noPact, 'no pact and no verification'],
    ['gitlabVerificationStatus', 'pending', pactNeverVerified, 'pact never verified'],
    ['gitlabVerificationStatus', 'success', pactWithSuccessfulVerification, 'pact with successful verification'],
    ['gitlabVerificationStatus', 'failed', pactWithFailedEarlierVerification, 'pact with failed verification'],
    ['verificationResultUrl', '', pactNeverVerified, 'pact never verified'],
    [
      'verificationResultUrl',
      /\/verification-results\/1$/,
      pactWithSuccessfulVerification,
      'pact with successful verification',
    ],
    ['verificationResultUrl', /\/verification-results\/1$/, pactWithVerification, 'pact with verification'],
    ['providerVersionTags', 'test, prod', pactWithVerification, 'pact with verification'],
    ['providerVersionBranch', 'provider-branch', pactWithVerification, 'pact with verification'],
    ['providerVersionBranch', '', pactNeverVerified, 'pact never verified'],
    ['consumerVersionTags', 'test', pactWithVerification, 'pact with verification'],
    ['consumerVersionBranch', 'consumer-branch', pactWithVerification, 'pact with verification'],
    ['consumerLabels', 'foo, bar', pactWithVerification, 'pact with verification'],
    ['providerLabels', 'finance, IT', pactNeverVerified, 'pact without verification'],
    ['buildUrl', 'http://build', pactNeverVerified, 'a publication with a build URL'],
  ];

  for (const [variable, expected, from, said] of cases) {
    // ref: spec/lib/pact_broker/webhooks/render_spec.rb: "replaces #{template} with #{expected_output.inspect}"
    it(`with a ${said}, renders \${pactbroker.${variable}} as ${expected instanceof RegExp ? expected : JSON.stringify(expected)}`, async () => {
      const value = (await from())[variable];
      if (expected instanceof RegExp) expect(value).to.match(expected);
      else expect(value).to.equal(expected);
    });
  }

  // ref: spec/lib/pact_broker/webhooks/render_spec.rb: "is_expected.to eq \"http%3A%2F%2Ffoo\""
  it('escapes values put into the URL (a URL within a URL arrives whole)', async () => {
    receiver.reset();
    await request(broker.server)
      .post('/webhooks')
      .send({
        events: [{ name: 'contract_published' }],
        request: { method: 'POST', url: `${receiver.url}/hook?pact=\${pactbroker.pactUrl}` },
      })
      .expect(201);
    await publish(broker, { consumer: 'Foo', version: '2', provider: 'Bar' });
    await eventually('the delivery', async () => (receiver.received.length > 0 ? true : undefined));
    expect(receiver.received[0]!.url).to.match(/\?pact=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fpacts%2Fprovider%2FBar%2F/);
  });

  // ref: spec/lib/pact_broker/webhooks/render_spec.rb: "uses the consumer_version_number in preference to the field on the domain models"
  it('in a verification event, uses the consumer version the verified pact was selected for', async () => {
    const content = buildPact('Foo', 'Bar');
    await theConsumerVersion(['provider_verification_published'], content);
    // A later version publishes the same content: the verifier is handed the pact for the tagged 1.2.3+foo.
    await publish(broker, { consumer: 'Foo', version: '9.9.9', provider: 'Bar', pact: content });
    const forVerification = await request(broker.server)
      .post('/pacts/provider/Bar/for-verification')
      .send({ consumerVersionSelectors: [{ tag: 'test', latest: true }] })
      .expect(200);
    const url = forVerification.body._embedded.pacts[0]._links.self.href as string;
    const pact = (await request(broker.server).get(pathOf(url)).expect(200)).body;
    await publishResult(broker, pact._links['pb:publish-verification-results'].href, {
      success: true,
      providerApplicationVersion: '3',
    });
    const [values] = await delivered();
    expect(values!.consumerVersionNumber).to.equal('1.2.3+foo');
  });

  // ref: spec/lib/pact_broker/webhooks/render_spec.rb: "uses the consumer_version_tags in preference to the field on the domain models"
  it("in a verification event, uses the selectors' tags as the consumer version tags", async () => {
    await theConsumerVersion(['provider_verification_published']);
    await request(broker.server).put('/pacticipants/Foo/versions/1.2.3+foo/tags/webhook').send({});
    const forVerification = await request(broker.server)
      .post('/pacts/provider/Bar/for-verification')
      .send({ consumerVersionSelectors: [{ tag: 'webhook', latest: true }] })
      .expect(200);
    const pact = (await request(broker.server).get(pathOf(forVerification.body._embedded.pacts[0]._links.self.href)))
      .body;
    await publishResult(broker, pact._links['pb:publish-verification-results'].href, {
      success: true,
      providerApplicationVersion: '3',
    });
    const [values] = await delivered();
    expect(values!.consumerVersionTags).to.equal('webhook');
  });

  // ref: spec/lib/pact_broker/webhooks/render_spec.rb: "does not blow up with a placeholder pact"
  it('executes a webhook with the placeholder pact when no pact matches', async () => {
    const values = await noPact();
    expect(values).to.include({ consumerName: 'placeholder-consumer', providerName: 'placeholder-provider' });
  });

  // ref: spec/lib/pact_broker/webhooks/render_spec.rb: "does not blow up with a placeholder verification"
  it('executes a verification webhook with the placeholder verification when none matches', async () => {
    receiver.reset();
    const res = await request(broker.server)
      .post('/webhooks/execute')
      .send({
        events: [{ name: 'provider_verification_published' }],
        request: { method: 'POST', url: `${receiver.url}/hook`, body: EVERY_VARIABLE },
      })
      .expect(200);
    expect(res.body.success).to.equal(true);
    const [values] = await delivered();
    expect(values).to.include({
      providerVersionNumber: 'aaaabbbbccccddddeeeeffff1111222233334444',
      githubVerificationStatus: 'success',
    });
  });

  describe('the values that came from the wrong place (issue 10.6)', () => {
    it(
      "in a verification event, ${pactbroker.buildUrl} is the verification's build URL (the provider build), " +
        "not the consumer version's",
      async () => {
        await theConsumerVersion(['provider_verification_published']);
        await verifiedByVersion3(true, 'http://provider-build/42');
        const [values] = await delivered();
        expect(values!.buildUrl).to.equal('http://provider-build/42');
      },
    );

    it('in a contract event for content already verified, the provider values are those of its latest verification', async () => {
      const values = await pactWithSuccessfulVerification();
      expect(values).to.include({ providerVersionNumber: '3', providerVersionBranch: 'provider-branch' });
    });

    it('no variable the Pact Broker documents is left as literal ${...} text', async () => {
      const values = await pactWithVerification();
      for (const name of Object.keys(EVERY_VARIABLE)) expect(values[name], name).not.to.include('${');
      expect(Object.keys(EVERY_VARIABLE)).to.have.length(PARAMETER_NAMES.length - 1);
    });
  });
});
