// The provider states of the Pact Broker client's pact with the Pact Broker, each built with the
// broker's own services (through BrokerTestData). The database is emptied before every interaction,
// so each handler only seeds. States that need nothing (index relations, "does not exist") are no-ops.
import type { BrokerTestData } from '../testing/test-data.ts';

type Seed = (data: BrokerTestData) => BrokerTestData | Promise<void>;

const EMPTY_PACT = (consumer: string, provider: string) => ({
  consumer: { name: consumer },
  provider: { name: provider },
  interactions: [],
  metadata: { pactSpecification: { version: '2.0.0' } },
});
const PRICING_SERVICE = { repositoryUrl: 'git@git.realestate.com.au:business-systems/pricing-service' };
const FOO_VERSION = '5556b8149bf8bac76bc30f50a8a2dd4c22c85f30';
const TEST_ENVIRONMENT_UUID = 'cb632df3-0a0d-4227-aac3-60114dd36479';
const OTHER_TEST_ENVIRONMENT_UUID = '16926ef3-590f-4e3f-838e-719717aa88c9';
const DEPLOYED_VERSION_UUID = 'ff3adecf-cfc5-4653-a4e3-f1861092f8e0';

const nothing: Seed = () => Promise.resolve();

/** A pact between Condor 1.3.0 and the Pricing Service, with no interactions (the client's pact expects `[]`). */
const condorPact =
  (options: { tags?: string[] } = {}): Seed =>
  (data) =>
    data
      .provider('Pricing Service', PRICING_SERVICE)
      .consumer('Condor')
      .version('1.3.0', options)
      .pact('Pricing Service', EMPTY_PACT('Condor', 'Pricing Service'));

/** Foo (or another consumer) 1.2.3 with a pact revised once, verified by Bar 4.5.6 and 7.8.9; 2.0.0 verified by 4.5.6. */
const verifiedWithLaterVersion =
  (consumer: string): Seed =>
  (data) =>
    data
      .consumer(consumer)
      .version('1.2.3')
      .pact('Bar')
      .revisePact()
      .verifiedBy('4.5.6')
      .verifiedBy('7.8.9')
      .version('2.0.0')
      .pact('Bar')
      .revisePact()
      .verifiedBy('4.5.6');

export const providerStates: Record<string, Seed> = {
  "'Condor' does not exist in the pact-broker": nothing,
  "'Condor' exists in the pact-broker": (data) => data.consumer('Condor').version('1.3.0'),
  "'Condor' exists in the pact-broker with the latest tagged 'production' version 1.2.3": (data) =>
    data
      .consumer('Condor')
      .version('1.2.3', { tags: ['production'] })
      .version('2.0.0'),
  "'Condor' exists in the pact-broker with the latest version 1.2.3": (data) =>
    data.consumer('Condor').version('1.0.0').version('1.2.3'),
  "'Condor' exists in the pact-broker with version 1.3.0, tagged with 'prod'": (data) =>
    data.pacticipant('Condor').version('1.3.0', { tags: ['prod'] }),
  'a branch named main exists for pacticipant Foo': (data) => data.consumer('Foo').version('1', { branch: 'main' }),
  'a currently deployed version exists': (data) =>
    data
      .environment('test', { uuid: TEST_ENVIRONMENT_UUID })
      .consumer('Foo')
      .version(FOO_VERSION)
      .deployedTo('test', { uuid: DEPLOYED_VERSION_UUID }),
  'a latest pact between Condor and the Pricing Service exists': condorPact(),
  'a pact between Condor and the Pricing Service exists': condorPact(),
  'a pact between Condor and the Pricing Service exists for the production version of Condor': condorPact({
    tags: ['prod'],
  }),
  'a pacticipant with name Foo exists': (data) => data.consumer('Foo'),
  'a webhook with the uuid 696c5f93-1b7f-44bc-8d03-59440fcaa9a0 exists': (data) =>
    data
      .consumer('Condor')
      .provider('Pricing Service')
      .webhook('696c5f93-1b7f-44bc-8d03-59440fcaa9a0', { consumer: 'Condor', provider: 'Pricing Service' }),
  'an environment exists': (data) =>
    data.environment('test', {
      displayName: 'Test',
      contacts: [{ name: 'foo', details: { emailAddress: 'foo@bar.com' } }],
    }),
  'an environment with name test and UUID 16926ef3-590f-4e3f-838e-719717aa88c9 exists': (data) =>
    data.environment('test', { uuid: OTHER_TEST_ENVIRONMENT_UUID }),
  'an environment with name test exists': (data) => data.environment('test'),
  'an version is deployed to environment with UUID 16926ef3-590f-4e3f-838e-719717aa88c9 with target customer-1': (
    data,
  ) =>
    data
      .environment('test', { uuid: OTHER_TEST_ENVIRONMENT_UUID })
      .consumer('Foo')
      .version(FOO_VERSION)
      .deployedTo('test', { uuid: DEPLOYED_VERSION_UUID, applicationInstance: 'customer-1' }),
  'no pact between Condor and the Pricing Service exists': nothing,
  ['provider Bar version 4.5.6 has a successful verification for Foo version 1.2.3 tagged prod ' +
  'and a failed verification for version 3.4.5 tagged prod']: (data) =>
    data
      .consumer('Foo')
      .version('1.2.3', { tags: ['prod'] })
      .pact('Bar')
      .verifiedBy('4.5.6')
      .version('3.4.5', { tags: ['prod'] })
      .pact('Bar')
      .verifiedBy('4.5.6', { success: false }),
  'tagged as prod pact between Condor and the Pricing Service exists': condorPact({ tags: ['prod'] }),
  "the 'Pricing Service' already exists in the pact-broker": (data) =>
    data.provider('Pricing Service', PRICING_SERVICE).version('1.3.0'),
  "the 'Pricing Service' and 'Condor' already exist in the pact-broker": (data) =>
    data.consumer('Condor').provider('Pricing Service', PRICING_SERVICE),
  "the 'Pricing Service' and 'Condor' already exist in the pact-broker, and Condor already has a pact published for version 1.3.0":
    condorPact(),
  "the 'Pricing Service' does not exist in the pact-broker": nothing,
  'the pact for Foo Thing version 1.2.3 has been verified by Bar version 4.5.6': verifiedWithLaterVersion('Foo Thing'),
  'the pact for Foo version 1.2.3 and 1.2.4 has been verified by Bar version 4.5.6': (data) =>
    data
      .consumer('Foo')
      .version('1.2.3')
      .pact('Bar')
      .revisePact()
      .verifiedBy('4.5.6')
      .version('1.2.4')
      .pact('Bar')
      .revisePact()
      .verifiedBy('4.5.6'),
  'the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6 (tagged prod) and version 5.6.7':
    (data) =>
      data
        .consumer('Foo')
        .version('1.2.3')
        .pact('Bar')
        .verifiedBy('4.5.6', { tags: ['prod'] })
        .verifiedBy('5.6.7'),
  'the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6 with tag prod, and 1.2.4 unsuccessfully by 9.9.9':
    (data) =>
      data
        .consumer('Foo')
        .version('1.2.3')
        .pact('Bar')
        .revisePact()
        .verifiedBy('4.5.6', { tags: ['prod'] })
        .version('1.2.4')
        .pact('Bar')
        .revisePact()
        .verifiedBy('9.9.9', { success: false }),
  'the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6, and 1.2.4 unsuccessfully by 9.9.9':
    (data) =>
      data
        .consumer('Foo')
        .version('1.2.3')
        .pact('Bar')
        .revisePact()
        .verifiedBy('4.5.6')
        .version('1.2.4')
        .pact('Bar')
        .revisePact()
        .verifiedBy('9.9.9', { success: false }),
  'the pact for Foo version 1.2.3 has been verified by Bar version 4.5.6': verifiedWithLaterVersion('Foo'),
  'the pact for Foo version 1.2.3 has been verified by Bar version 4.5.6 and version 5.6.7': (data) =>
    data.consumer('Foo').version('1.2.3').pact('Bar').revisePact().verifiedBy('4.5.6').verifiedBy('5.6.7'),
  'the pacticipant relations are present': nothing,
  'the pb:environments relation exists in the index resource': nothing,
  'the pb:latest-tagged-version relation exists in the index resource': nothing,
  'the pb:latest-version relation exists in the index resource': nothing,
  'the pb:pacticipant-branch relation exists in the index resource': nothing,
  'the pb:pacticipant-version and pb:environments relations exist in the index resource': nothing,
  'the pb:publish-contracts relations exists in the index resource': nothing,
  [`version ${FOO_VERSION} of pacticipant Foo exists with 2 environments that aren't test available for deployment`]: (
    data,
  ) => data.consumer('Foo').version(FOO_VERSION).environment('prod').environment('dev'),
  [`version ${FOO_VERSION} of pacticipant Foo exists with a test environment available for deployment`]: (data) =>
    data.consumer('Foo').version(FOO_VERSION).environment('test', { uuid: TEST_ENVIRONMENT_UUID }),
  [`version ${FOO_VERSION} of pacticipant Foo exists with a test environment available for release`]: (data) =>
    data.environment('test', { uuid: TEST_ENVIRONMENT_UUID }).consumer('Foo').version(FOO_VERSION),
};
