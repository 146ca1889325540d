// Ported from the Pact Broker's spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_combinations_spec.rb:
// which combinations of selector fields are valid. Each valid combination is tried alone, with each
// other field added (valid only when that makes another valid combination) and with a consumer.
import { expect } from 'chai';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { forVerificationClient } from '../support.ts';

const ALL: Record<string, unknown> = {
  mainBranch: true,
  matchingBranch: true,
  tag: 'tag',
  branch: 'branch',
  latest: true,
  fallbackTag: 'fallbackTag',
  fallbackBranch: 'fallbackBranch',
  environment: 'environment',
  deployed: true,
  released: true,
  deployedOrReleased: true,
  consumer: 'consumer',
};

const VALID = [
  ['mainBranch'],
  ['mainBranch', 'latest'],
  ['matchingBranch'],
  ['tag'],
  ['tag', 'latest'],
  ['tag', 'latest', 'fallbackTag'],
  ['branch'],
  ['branch', 'latest'],
  ['branch', 'latest', 'fallbackBranch'],
  ['branch', 'fallbackBranch'],
  ['environment'],
  ['environment', 'deployed'],
  ['environment', 'released'],
  ['deployed'],
  ['released'],
  ['deployedOrReleased'],
  ['environment', 'deployedOrReleased'],
];

const selectorOf = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, ALL[key]]));
const isValid = (keys: string[]) => VALID.some((valid) => [...valid].sort().join() === [...keys].sort().join());

describe('reference: pacts for verification, which selector fields combine', () => {
  const broker = useBroker();
  const client = forVerificationClient(broker);
  const errors = (selector: Record<string, unknown>) =>
    client.errors({ consumerVersionSelectors: [selector], providerVersionBranch: 'main' });

  beforeEach(() => broker.data().environment('environment'));

  for (const keys of VALID) {
    describe(`with ${keys.join(', ')}`, () => {
      // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_combinations_spec.rb: "is valid"
      it('is valid', async () => {
        expect(await errors(selectorOf(keys))).to.deep.equal({});
      });

      // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_combinations_spec.rb: "is not valid"
      it('with any other field added, is valid only if that is another valid combination', async () => {
        const extras = Object.keys(ALL).filter((key) => !keys.includes(key) && key !== 'consumer');
        const outcomes = await Promise.all(
          extras.map(async (extra) => ({
            extra,
            valid: Object.keys(await errors(selectorOf([...keys, extra]))).length === 0,
          })),
        );
        expect(outcomes).to.deep.equal(extras.map((extra) => ({ extra, valid: isValid([...keys, extra]) })));
      });

      // ref: spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_combinations_spec.rb: "is valid"
      it('with a consumer, is valid', async () => {
        expect(await errors(selectorOf([...keys, 'consumer']))).to.deep.equal({});
      });
    });
  }
});
