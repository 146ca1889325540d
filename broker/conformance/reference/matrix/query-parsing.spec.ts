// Ported from the Pact Broker's spec/lib/pact_broker/matrix/parse_query_spec.rb and
// parse_can_i_deploy_query_spec.rb: how GET /matrix and GET /can-i-deploy read their query strings, seen
// through what they answer (the parsed structures themselves are internal).
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { shortRows } from './matrix-client.ts';

describe('reference conformance: reading matrix and can-i-deploy queries', () => {
  const broker = useBroker();
  const get = (query: string) => request(broker.server).get(`/matrix?${query}`);

  beforeEach(async () => {
    await broker
      .data()
      .environment('production')
      .consumer('Foo')
      .version('1.2.3', { branch: 'main' })
      .pact('Bar')
      .verifiedBy('9.9.9')
      .version('2', { branch: 'feat' })
      .pact('Bar')
      .verifiedBy('9.9.9', { success: false })
      .deployedTo('production');
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "extracts the pacticipant names and respective versions"
  it('reads each q[] entry as one selector: a name and its version', async () => {
    const res = await get('q[][pacticipant]=Foo&q[][version]=1.2.3&q[][pacticipant]=Bar&q[][version]=9.9.9').expect(
      200,
    );
    expect(shortRows(res.body)).to.deep.equal(['Foo1.2.3 Bar9.9.9 n1']);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "works"
  it('decodes names and versions with spaces', async () => {
    await broker.data().consumer('Name With Spaces').version('1 2').pact('Bar');
    const res = await get('q[][pacticipant]=Name%20With%20Spaces&q[][version]=1%202').expect(200);
    expect(res.body.matrix[0].consumer.version.number).to.equal('1 2');
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "returns an empty hash"
  it('no q at all: no selectors (400)', async () => {
    expect((await get('foo').expect(400)).body.errors).to.include('Please provide 1 or more version selectors.');
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "returns nil keys or values"
  it('unknown selector keys are ignored, leaving a selector without a name (400)', async () => {
    expect((await get('q[][wrong]=Foo&q[][blah]=1.2.3').expect(400)).body.errors).to.include(
      'Please specify the pacticipant name',
    );
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "extracts the one status"
  it('success=true keeps successes', async () => {
    const res = await get('q[][pacticipant]=Foo&q[][pacticipant]=Bar&success=true').expect(200);
    expect(shortRows(res.body)).to.deep.equal(['Foo1.2.3 Bar9.9.9 n1']);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "extracts the statuses"
  it('success[]=true&success[]=false&success[]= keeps every kind', async () => {
    const res = await get('q[][pacticipant]=Foo&q[][pacticipant]=Bar&success[]=true&success[]=false&success[]=').expect(
      200,
    );
    expect(res.body.matrix).to.have.length(2);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "sets an array with a nil success"
  it('success[]= keeps only unverified rows', async () => {
    expect(
      (await get('q[][pacticipant]=Foo&q[][pacticipant]=Bar&success[]=&foo=bar').expect(200)).body.matrix,
    ).to.deep.equal([]);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "sets an array with a nil success"
  it('success= keeps only unverified rows too', async () => {
    expect(
      (await get('q[][pacticipant]=Foo&q[][pacticipant]=Bar&success=&foo=bar').expect(200)).body.matrix,
    ).to.deep.equal([]);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "returns a selector with latest true"
  it('q[][latest]=true selects the latest version', async () => {
    const res = await get('q[][pacticipant]=Foo&q[][latest]=true&q[][pacticipant]=Bar').expect(200);
    expect(
      res.body.matrix.map((r: { consumer: { version: { number: string } } }) => r.consumer.version.number),
    ).to.deep.equal(['2']);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "returns options with latest true"
  it('latest=true is the destination for the other pacticipants', async () => {
    const res = await get('q[][pacticipant]=Foo&q[][version]=2&latest=true').expect(200);
    expect(res.body.summary.reason).to.match(/the latest version of Bar/);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "returns a selector with no latest key"
  it('q[][latest]=false selects every version', async () => {
    expect(
      (await get('q[][pacticipant]=Foo&q[][latest]=false&q[][pacticipant]=Bar').expect(200)).body.matrix,
    ).to.have.length(2);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "returns a selector with a tag"
  it('q[][tag]= selects the versions with the tag', async () => {
    await broker.data().consumer('Foo').version('1.2.3').tag('prod');
    const res = await get('q[][pacticipant]=Foo&q[][tag]=prod&q[][pacticipant]=Bar').expect(200);
    expect(shortRows(res.body)).to.deep.equal(['Foo1.2.3 Bar9.9.9 n1']);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "sets the limit"
  it('limit= limits the rows', async () => {
    expect((await get('q[][pacticipant]=Foo&q[][pacticipant]=Bar&limit=1').expect(200)).body.matrix).to.have.length(1);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "sets the pacticipants to ignore"
  it('ignore[] entries are read like q[] entries', async () => {
    const res = await get(
      'q[][pacticipant]=Foo&q[][version]=2&q[][pacticipant]=Bar&ignore[][pacticipant]=Baz&ignore[][pacticipant]=Bar&ignore[][version]=9.9.9',
    ).expect(200);
    expect(res.body.matrix.map((r: { ignored?: boolean }) => r.ignored)).to.deep.equal([true]);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "sets an empty array"
  it('an ignore that is not a list of selectors is ignored', async () => {
    const res = await get('q[][pacticipant]=Foo&q[][version]=2&q[][pacticipant]=Bar&ignore=1').expect(200);
    expect(res.body.summary).to.not.have.property('ignored');
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "parses one selector"
  it('the flat q[]key= encoding: one selector', async () => {
    const res = await get('q[]pacticipant=Foo&q[]version=2').expect(200);
    expect(
      res.body.matrix.every((r: { consumer: { version: { number: string } } }) => r.consumer.version.number === '2'),
    ).to.equal(true);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "groups each pacticipant with its version"
  it('the flat encoding groups each name with the version after it', async () => {
    const res = await get('q[]pacticipant=Foo&q[]version=2&q[]pacticipant=Bar&q[]version=9.9.9').expect(200);
    expect(shortRows(res.body)).to.deep.equal(['Foo2 Bar9.9.9 n1']);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "parses one selector per pacticipant"
  it('the flat encoding with names only: one selector each', async () => {
    await get('q[]pacticipant=Foo&q[]pacticipant=Bar&q[]pacticipant=Baz').expect(400); // Baz does not exist
    expect((await get('q[]pacticipant=Foo&q[]pacticipant=Bar').expect(200)).body.matrix).to.have.length(2);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "mis-groups the selectors (documents current behaviour)"
  it('all names, then all versions: the last name takes every version (a selector is left without a name)', async () => {
    expect(
      (await get('q[]pacticipant=Foo&q[]pacticipant=Bar&q[]version=1&q[]version=2').expect(400)).body.errors,
    ).to.include('Please specify the pacticipant name');
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "parses one selector per pacticipant/version pair"
  it('many selectors: one per name and version pair', async () => {
    const query = [1, 2, 3, 4, 5].map((i) => `q[][pacticipant]=P${i}&q[][version]=${i}`).join('&');
    const errors = (await get(query).expect(400)).body.errors as string[];
    expect(errors).to.deep.equal([1, 2, 3, 4, 5].map((i) => `Pacticipant P${i} not found`));
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "keeps the last value (documents current behaviour)"
  it('a repeated option keeps its last value', async () => {
    const res = await get('q[][pacticipant]=Foo&q[][version]=2&environment=test&environment=production').expect(200);
    expect(res.body.summary.reason).to.match(/Bar in production/);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "returns a selector with a branch"
  it('q[][branch]= selects the versions on the branch', async () => {
    const res = await get('q[][pacticipant]=Foo&q[][branch]=main&q[][pacticipant]=Bar').expect(200);
    expect(shortRows(res.body)).to.deep.equal(['Foo1.2.3 Bar9.9.9 n1']);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "returns a selector with an environment"
  it('q[][environment]= selects the versions in the environment', async () => {
    const res = await get('q[][pacticipant]=Foo&q[][environment]=production&q[][pacticipant]=Bar').expect(200);
    expect(shortRows(res.body)).to.deep.equal(['Foo2 Bar9.9.9 n1']);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "returns a selector with main_branch true"
  it("q[][mainBranch]=true selects the versions on the pacticipant's main branch", async () => {
    const res = await get('q[][pacticipant]=Foo&q[][mainBranch]=true&q[][pacticipant]=Bar').expect(200);
    expect(shortRows(res.body)).to.deep.equal(['Foo1.2.3 Bar9.9.9 n1']);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "sets the environment_name option"
  it('environment= is the destination for the other pacticipants', async () => {
    const res = await get('q[][pacticipant]=Bar&q[][version]=9.9.9&environment=production').expect(200);
    expect(shortRows(res.body)).to.deep.equal(['Foo2 Bar9.9.9 n1']);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "sets the main_branch option"
  it("mainBranch=true is the destination: each other pacticipant's main branch", async () => {
    const res = await get('q[][pacticipant]=Bar&q[][version]=9.9.9&mainBranch=true&latestby=cvp').expect(200);
    expect(shortRows(res.body)).to.deep.equal(['Foo1.2.3 Bar9.9.9 n1']);
  });

  // ref: spec/lib/pact_broker/matrix/parse_query_spec.rb: "does not set the latest option"
  it('an empty latest= is not a destination', async () => {
    const res = await get('q[][pacticipant]=Foo&q[][version]=2&latest=').expect(200);
    expect(res.body.summary.reason).to.not.match(/latest version of Bar/);
  });

  describe('GET /can-i-deploy (parse_can_i_deploy_query_spec.rb)', () => {
    const canIDeploy = (query: string) => request(broker.server).get(`/can-i-deploy?${query}`);

    // ref: spec/lib/pact_broker/matrix/parse_can_i_deploy_query_spec.rb: "is expected to eq \"cvpv\""
    it('to an environment, each live provider version gets its own row (cvpv)', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('2')
        .existingPact('Bar')
        .verifiedBy('10') // a newer provider version passed Foo 2's pact; 9.9.9 failed it
        .provider('Bar')
        .version('9.9.9')
        .deployedTo('production', { applicationInstance: 'a' })
        .version('10')
        .deployedTo('production', { applicationInstance: 'b' });
      const res = await canIDeploy('pacticipant=Foo&version=2&environment=production').expect(200);
      expect(shortRows(res.body)).to.have.members(['Foo2 Bar10 n2', 'Foo2 Bar9.9.9 n1']);
      expect(res.body.summary.deployable).to.equal(false);
    });

    // ref: spec/lib/pact_broker/matrix/parse_can_i_deploy_query_spec.rb: "is expected to eq [PactBroker::Matrix::UnresolvedSelector.new(pacticipant_name: \"foo\"), PactBroker::Matrix::UnresolvedSelector.new(pacticipant_name: \"bar\")]"
    it('ignore[]=Name entries ignore those pacticipants; entries that are not names are dropped', async () => {
      await broker.data().provider('Bar').version('9.9.9').deployedTo('production');
      const res = await canIDeploy(
        'pacticipant=Foo&version=2&environment=production&ignore[]=Bar&ignore[][a]=b',
      ).expect(200);
      expect(res.body.summary).to.include({ deployable: true, ignored: 1 });
    });

    // ref: spec/lib/pact_broker/matrix/parse_can_i_deploy_query_spec.rb: "is expected to eq [PactBroker::Matrix::UnresolvedSelector.new(pacticipant_name: \"foo\"), PactBroker::Matrix::UnresolvedSelector.new(pacticipant_name: \"bar\", pacticipant_version_number: \"2\")]"
    it('ignore[][pacticipant]= with ignore[][version]= ignores that version only', async () => {
      await broker.data().provider('Bar').version('9.9.9').deployedTo('production');
      const only = await canIDeploy(
        'pacticipant=Foo&version=2&environment=production&ignore[][pacticipant]=Bar&ignore[][version]=9.9.9',
      ).expect(200);
      expect(only.body.summary.deployable).to.equal(true);
      const other = await canIDeploy(
        'pacticipant=Foo&version=2&environment=production&ignore[][pacticipant]=Bar&ignore[][version]=1',
      ).expect(200);
      expect(other.body.summary.deployable).to.equal(false);
    });

    // ref: spec/lib/pact_broker/matrix/parse_can_i_deploy_query_spec.rb: "is expected to eq true"
    it('to a tag: against the latest version with the tag', async () => {
      await broker.data().provider('Bar').version('9.9.9').tag('prod');
      const res = await canIDeploy('pacticipant=Foo&version=1.2.3&to=prod').expect(200);
      expect(res.body.summary.reason).to.not.match(/WARN/);
      expect(shortRows(res.body)).to.deep.equal(['Foo1.2.3 Bar9.9.9 n1']);
    });

    // ref: spec/lib/pact_broker/matrix/parse_can_i_deploy_query_spec.rb: "is expected to eq [PactBroker::Matrix::UnresolvedSelector.new(pacticipant_name: \"foo\", pacticipant_version_number: \"1\")]"
    it('checks the version given', async () => {
      await broker.data().provider('Bar').version('9.9.9').tag('prod');
      const res = await canIDeploy('pacticipant=Foo&version=2&to=prod').expect(200);
      expect(
        res.body.matrix.every((r: { consumer: { version: { number: string } } }) => r.consumer.version.number === '2'),
      ).to.equal(true);
    });
  });
});
