// Bad input of every kind: a 4xx in the Pact Broker's error format (`errors` for validation, `error`
// otherwise) with a message, no stack trace, and nothing written to any table.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import { buildPact } from '../testing/test-data.ts';

type Method = 'get' | 'post' | 'put' | 'patch';
interface Case {
  name: string;
  method: Method;
  path: string;
  body?: string | object;
  contentType?: string;
  status: number;
  message: RegExp;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');
const contract = (content: string, overrides: Record<string, unknown> = {}) => ({
  consumerName: 'Foo',
  providerName: 'Bar',
  specification: 'pact',
  contentType: 'application/json',
  content,
  ...overrides,
});
const publish = (overrides: Record<string, unknown> = {}) => ({
  pacticipantName: 'Foo',
  pacticipantVersionNumber: '1',
  contracts: [contract(base64(JSON.stringify(buildPact('Foo', 'Bar'))))],
  ...overrides,
});
const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const goodPact = buildPact('Foo', 'Bar');

const cases: Case[] = [
  {
    name: 'malformed JSON',
    method: 'post',
    path: '/contracts/publish',
    body: '{"pacticipantName": ',
    status: 400,
    message: /not valid JSON/,
  },
  {
    name: 'a JSON list where an object is expected',
    method: 'post',
    path: '/contracts/publish',
    body: '[1, 2]',
    status: 400,
    message: /must be a JSON object/,
  },
  {
    name: 'a body that is not JSON',
    method: 'post',
    path: '/contracts/publish',
    body: 'name=Foo',
    contentType: 'text/plain',
    status: 415,
    message: /Content-Type: application\/json/,
  },
  {
    name: 'a missing version number',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ pacticipantVersionNumber: undefined }),
    status: 400,
    message: /pacticipantVersionNumber is required/,
  },
  {
    name: 'no contracts',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ contracts: [] }),
    status: 400,
    message: /at least one contract/,
  },
  {
    name: 'contracts that are not a list',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ contracts: 'pact' }),
    status: 400,
    message: /contracts must be a list/,
  },
  {
    name: 'bad base64',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ contracts: [contract('%%% not base64 %%%')] }),
    status: 400,
    message: /not valid base64/,
  },
  {
    name: 'base64 of something that is not JSON',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ contracts: [contract(base64('hello'))] }),
    status: 400,
    message: /not valid JSON/,
  },
  {
    name: 'base64 of bytes that are not UTF-8',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ contracts: [contract(Buffer.from([0xff, 0xfe, 0xfd]).toString('base64'))] }),
    status: 400,
    message: /UTF-8/,
  },
  {
    name: 'a contract that is not a JSON object (a number)',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ contracts: [contract(base64('42'))] }),
    status: 400,
    message: /must be a JSON object \(at index 0\)/,
  },
  {
    name: 'a contract for another consumer',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ contracts: [contract(base64(JSON.stringify(goodPact)), { consumerName: 'Other' })] }),
    status: 400,
    message: /must match pacticipantName/,
  },
  {
    name: 'a pact naming another provider than providerName',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ contracts: [contract(base64(JSON.stringify(goodPact)), { providerName: 'Baz' })] }),
    status: 400,
    message: /does not match providerName/,
  },
  {
    name: 'an unknown contract type',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ contracts: [contract(base64(JSON.stringify(goodPact)), { specification: 'oas' })] }),
    status: 400,
    message: /the only contract type this broker stores/,
  },
  {
    name: 'tags that are not a list',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ tags: 'prod' }),
    status: 400,
    message: /tags/,
  },
  {
    name: 'a 10,000-character pacticipant name',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ pacticipantName: 'F'.repeat(10_000) }),
    status: 400,
    message: /at most 255 characters/,
  },
  {
    name: 'a NUL character in a version number',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ pacticipantVersionNumber: '1\u00002' }),
    status: 400,
    message: /NUL/,
  },
  {
    name: 'an unpaired surrogate in a branch name',
    method: 'post',
    path: '/contracts/publish',
    body: '{"pacticipantName":"Foo","pacticipantVersionNumber":"1","branch":"\\ud800","contracts":[]}',
    status: 400,
    message: /surrogate/,
  },
  {
    name: 'a blank version number',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ pacticipantVersionNumber: '   ' }),
    status: 400,
    message: /cannot be blank/,
  },
  {
    name: 'an oversize body (200 kB with a 100 kB limit)',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ buildUrl: 'x'.repeat(200_000) }),
    status: 413,
    message: /too large/,
  },
  {
    name: 'a pact PUT whose interactions are not objects',
    method: 'put',
    path: '/pacts/provider/Bar/consumer/Foo/version/1',
    body: { consumer: { name: 'Foo' }, interactions: [1, 2] },
    status: 400,
    message: /every item of interactions must be a JSON object/,
  },
  {
    name: 'a version number with a new line in the path (an unstripped git rev-parse)',
    method: 'put',
    path: '/pacts/provider/Bar/consumer/Foo/version/abc%0A',
    body: { consumer: { name: 'Foo' }, interactions: [] },
    status: 422,
    message: /new line/,
  },
  {
    name: 'a version number on two lines when publishing',
    method: 'post',
    path: '/contracts/publish',
    body: publish({ pacticipantVersionNumber: '1\n2' }),
    status: 400,
    message: /pacticipantVersionNumber must be on a single line/,
  },
  {
    name: 'a verification result whose success is a string',
    method: 'post',
    path: '/pacts/provider/Bar/consumer/Foo/pact-version/abc/verification-results',
    body: { success: 'yes', providerApplicationVersion: '1' },
    status: 400,
    message: /success must be true or false/,
  },
  {
    name: 'a verification result without a provider version',
    method: 'post',
    path: '/pacts/provider/Bar/consumer/Foo/pact-version/abc/verification-results',
    body: { success: true },
    status: 400,
    message: /providerApplicationVersion is required/,
  },
  {
    name: 'test results nested 100 levels deep',
    method: 'post',
    path: '/pacts/provider/Bar/consumer/Foo/pact-version/abc/verification-results',
    body: `{"success":true,"providerApplicationVersion":"1","testResults":${nested(100)}}`,
    status: 400,
    message: /nests deeper/,
  },
  {
    name: 'test results with an absurd number (1e400)',
    method: 'post',
    path: '/pacts/provider/Bar/consumer/Foo/pact-version/abc/verification-results',
    body: '{"success":true,"providerApplicationVersion":"1","testResults":[{"n":1e400}]}',
    status: 400,
    message: /not finite/,
  },
  {
    name: 'a verification result for a pact that does not exist',
    method: 'post',
    path: '/pacts/provider/Bar/consumer/Foo/pact-version/abc/verification-results',
    body: { success: true, providerApplicationVersion: '1' },
    status: 404,
    message: /No provider with name 'Bar'/,
  },
  {
    name: 'a NUL character in a path segment',
    method: 'put',
    path: '/pacticipants/Fo%00o/versions/1/tags/prod',
    body: {},
    status: 400,
    message: /NUL/,
  },
  {
    name: 'a malformed escape in the path',
    method: 'get',
    path: '/pacticipants/%E0%A4%A',
    status: 400,
    message: /not correctly encoded/,
  },
  {
    name: 'a malformed escape in the query',
    method: 'get',
    path: '/matrix?q[][pacticipant]=%E0%A4%A',
    status: 400,
    message: /not correctly encoded/,
  },
  {
    name: 'a matrix query for unknown pacticipants',
    method: 'get',
    path: '/matrix?q[][pacticipant]=Wiffle&q[][version]=1',
    status: 400,
    message: /Pacticipant Wiffle not found/,
  },
  {
    name: 'can-i-deploy for an unknown pacticipant',
    method: 'get',
    path: '/can-i-deploy?pacticipant=Wiffle&version=1&environment=prod',
    status: 400,
    message: /Wiffle not found/,
  },
  {
    name: 'an environment whose production flag is a string',
    method: 'post',
    path: '/environments',
    body: { name: 'prod', production: 'yes' },
    status: 400,
    message: /production must be true or false/,
  },
  {
    name: 'an environment name with spaces',
    method: 'post',
    path: '/environments',
    body: { name: 'my env', production: false },
    status: 400,
    message: /spaces/,
  },
  {
    name: 'a deployment to an environment that is not a UUID',
    method: 'post',
    path: '/pacticipants/Foo/versions/1/deployed-versions/environment/not-a-uuid',
    body: {},
    status: 404,
    message: /No pacticipant with name 'Foo'/,
  },
  {
    name: 'selectors that are not a list',
    method: 'post',
    path: '/pacts/provider/Bar/for-verification',
    body: { consumerVersionSelectors: { mainBranch: true } },
    status: 400,
    message: /consumerVersionSelectors/,
  },
  {
    name: 'a webhook to a plain-http URL',
    method: 'post',
    path: '/webhooks',
    body: { events: [{ name: 'contract_published' }], request: { method: 'POST', url: 'http://internal:8080/' } },
    status: 400,
    message: /scheme must be https/,
  },
  {
    name: 'a webhook with an unknown event',
    method: 'post',
    path: '/webhooks',
    body: { events: [{ name: 'everything' }], request: { method: 'POST', url: 'https://ci/' } },
    status: 400,
    message: /must be one of contract_published/,
  },
  {
    name: 'a version with a branch that is a number',
    method: 'put',
    path: '/pacticipants/Foo/versions/1',
    body: { branch: 7 },
    status: 400,
    message: /branch/,
  },
  {
    name: 'a versions page size of 5,000',
    method: 'get',
    path: '/pacticipants/Foo/versions?pageSize=5000',
    status: 400,
    message: /pageSize.*must be at most 1000/,
  },
];

describe('broker: bad input', () => {
  const broker = useBroker({ config: { bodyLimit: '100kb' } });

  async function rowsWritten(): Promise<number> {
    const [row] = await broker.prisma.$queryRaw<{ total: bigint }[]>`
      SELECT (SELECT count(*) FROM pacticipants) + (SELECT count(*) FROM versions) + (SELECT count(*) FROM branches)
           + (SELECT count(*) FROM tags) + (SELECT count(*) FROM pact_versions) + (SELECT count(*) FROM pact_publications)
           + (SELECT count(*) FROM verifications) + (SELECT count(*) FROM environments) + (SELECT count(*) FROM webhooks)
           + (SELECT count(*) FROM integrations) + (SELECT count(*) FROM deployed_versions) AS total`;
    return Number(row!.total);
  }

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.status} with a clear message, nothing written`, async () => {
      let call = request(broker.server)[testCase.method](testCase.path);
      if (testCase.body !== undefined) {
        call = call
          .set('content-type', testCase.contentType ?? 'application/json')
          .send(typeof testCase.body === 'string' ? testCase.body : JSON.stringify(testCase.body));
      }
      const res = await call;
      expect(res.status, res.text).to.equal(testCase.status);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
      const message = res.body.errors ? JSON.stringify(res.body.errors) : res.body.error;
      expect(message, res.text).to.match(testCase.message);
      expect(res.text).to.not.match(/\bat .+\(.+:\d+:\d+\)/); // no stack frames
      expect(await rowsWritten()).to.equal(0);
    });
  }

  it('asks for problem+json: gets the same error in that format', async () => {
    const res = await request(broker.server)
      .post('/contracts/publish')
      .set('accept', 'application/problem+json')
      .send(publish({ contracts: [] }))
      .expect(400);
    expect(res.headers['content-type']).to.equal('application/problem+json;charset=utf-8');
    expect(res.body).to.include({ title: 'Validation errors', status: 400 });
    expect(res.body.errors[0]).to.include({ pointer: '/contracts' });
  });

  it('an unknown route is a 404 in the same format', async () => {
    const res = await request(broker.server).get('/no/such/thing').expect(404);
    expect(res.body.error).to.match(/No route for GET \/no\/such\/thing/);
  });
});
