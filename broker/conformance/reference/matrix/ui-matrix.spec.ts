// Ported from the Pact Broker's spec/integration/ui/matrix_spec.rb: the matrix page a browser gets on the
// API's matrix URL.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

describe('reference conformance: the matrix page (integration/ui/matrix_spec.rb)', () => {
  const broker = useBroker();
  const page = () => request(broker.server).get('/matrix/provider/Bar/consumer/Foo').set('Accept', 'text/html');

  beforeEach(async () => {
    await broker
      .data()
      .consumer('Foo')
      .version('1', { tags: ['ctag'] })
      .pact('Bar')
      .verifiedBy('2', { tags: ['ptag'] });
  });

  // ref: spec/integration/ui/matrix_spec.rb: "returns a success response"
  it('answers 200', async () => {
    await page().expect(200);
  });

  // ref: spec/integration/ui/matrix_spec.rb: "returns the matrix page"
  it('is the matrix page', async () => {
    expect((await page().expect(200)).text).to.include('Matrix');
  });

  // ref: spec/integration/ui/matrix_spec.rb: "returns a table of matrix rows"
  it('has a table of rows', async () => {
    expect(((await page().expect(200)).text.match(/<tr/g) ?? []).length).to.be.greaterThan(1);
  });
});
