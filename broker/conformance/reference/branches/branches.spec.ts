// Ported from the Pact Broker's branch examples: spec/features/create_branch_version_spec.rb,
// delete_branch_spec.rb, delete_branch_version_spec.rb, delete_pacticipant_branches_spec.rb, get_branch_spec.rb,
// get_branch_version_spec.rb, get_branch_versions_spec.rb, get_pacticipant_branches_spec.rb,
// get_latest_version_for_branch_spec.rb, and the branch specs under spec/lib/pact_broker/versions/ and
// api/ (branch_service, branch_repository, branch_version_repository, branch_version, branch_versions,
// pacticipant_branches_decorator), over HTTP.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

describe('reference conformance: branches', () => {
  const broker = useBroker();
  const json = { 'Content-Type': 'application/json', Accept: 'application/hal+json' };
  const get = (path: string) => request(broker.server).get(path).set(json);
  const branchNames = async (pacticipant: string) =>
    (await broker.prisma.branch.findMany({ where: { pacticipant: { name: pacticipant } } })).map((b) => b.name).sort();
  /** Makes every branch look untouched for an hour (the reference's specs move the clock instead). */
  const ageBranches = () =>
    broker.prisma
      .$executeRaw`UPDATE branches SET updated_at = updated_at - interval '1 hour', created_at = created_at - interval '1 hour'`;

  describe('PUT /pacticipants/{p}/branches/{b}/versions/{v} (create_branch_version_spec.rb, branch_service_spec.rb)', () => {
    const put = (path = '/pacticipants/Foo/branches/main/versions/1234') =>
      request(broker.server).put(path).set(json).send('{}');

    // ref: spec/features/create_branch_version_spec.rb: "returns a 201 response"
    it('answers 201', async () => {
      await put().expect(201);
    });

    // ref: spec/features/create_branch_version_spec.rb: "returns a HAL JSON Content Type"
    it('answers HAL JSON', async () => {
      expect((await put().expect(201)).headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/create_branch_version_spec.rb: "is expected to eq 200"
    it('when the version is already on the branch: 200', async () => {
      await broker.data().consumer('Foo').version('1234', { branch: 'main' });
      await put().expect(200);
    });

    // ref: spec/features/create_branch_version_spec.rb: "is expected to eq 201"
    it('when it is not: 201', async () => {
      await broker.data().consumer('Foo').version('1234', { branch: 'other' });
      await put().expect(201);
    });

    // ref: spec/features/create_branch_version_spec.rb: "returns a 201 response"
    it('a version number with percent signs is stored as decoded', async () => {
      await put('/pacticipants/foo/branches/main/versions/%25DATE%25_%25TIME%25').expect(201);
      expect((await broker.prisma.version.findFirstOrThrow({ orderBy: { id: 'desc' } })).number).to.equal(
        '%DATE%_%TIME%',
      );
    });

    // ref: spec/lib/pact_broker/versions/branch_service_spec.rb: "creates and returns the branch version"
    it('creates the pacticipant, version and branch when nothing exists', async () => {
      const res = await put('/pacticipants/Foo/branches/main/versions/1').expect(201);
      expect(res.body.name).to.equal('main');
      expect(res.body._embedded.version.number).to.equal('1');
      expect(res.body._links['pb:branch'].href).to.match(/\/pacticipants\/Foo\/branches\/main$/);
    });

    // ref: spec/lib/pact_broker/versions/branch_service_spec.rb: "does not create the branch"
    it('reuses an existing branch', async () => {
      await broker.data().consumer('Foo').version('0', { branch: 'main' });
      await put('/pacticipants/Foo/branches/main/versions/1').expect(201);
      expect(await broker.prisma.branch.count({ where: { name: 'main' } })).to.equal(1);
    });

    // ref: spec/lib/pact_broker/versions/branch_service_spec.rb: "creates and returns the branch version"
    it('puts the new version at the head of the existing branch', async () => {
      await broker.data().consumer('Foo').version('0', { branch: 'main' });
      await put('/pacticipants/Foo/branches/main/versions/1').expect(201);
      expect((await get('/pacticipants/Foo/branches/main/latest-version').expect(200)).body.number).to.equal('1');
    });

    describe('when the version is already on the branch', () => {
      beforeEach(async () => {
        await broker.data().consumer('Foo').version('1', { branch: 'main' });
      });

      // ref: spec/lib/pact_broker/versions/branch_service_spec.rb: "does not create a new branch version"
      it('adds nothing', async () => {
        await put('/pacticipants/Foo/branches/main/versions/1').expect(200);
        expect(await broker.prisma.branchVersion.count()).to.equal(1);
      });

      // ref: spec/lib/pact_broker/versions/branch_service_spec.rb: "does not change the created_at"
      it('keeps when the version joined the branch', async () => {
        const before = await broker.prisma.branchVersion.findFirstOrThrow();
        await put('/pacticipants/Foo/branches/main/versions/1').expect(200);
        expect((await broker.prisma.branchVersion.findFirstOrThrow()).createdAt).to.deep.equal(before.createdAt);
      });
    });
  });

  describe('one branch (get_branch_spec.rb, get_branch_version_spec.rb, get_latest_version_for_branch_spec.rb, branch_service_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { branch: 'main' })
        .version('2', { branch: 'main' })
        .version('3', { branch: 'not-main' })
        .consumer('Bar')
        .version('2', { branch: 'main' });
    });

    // ref: spec/features/get_branch_spec.rb: "is expected to be a hal json success response"
    it('GET a branch: 200 HAL JSON', async () => {
      const res = await get('/pacticipants/Foo/branches/main').expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/lib/pact_broker/versions/branch_service_spec.rb: "is returned"
    it('the branch belongs to the pacticipant asked for', async () => {
      const res = await get('/pacticipants/Foo/branches/main').expect(200);
      expect(res.body.name).to.equal('main');
      expect(res.body._links['pb:pacticipant'].name).to.equal('Foo');
    });

    // ref: spec/lib/pact_broker/versions/branch_service_spec.rb: "returns nil"
    it('a branch that does not exist: 404', async () => {
      await get('/pacticipants/Foo/branches/nope').expect(404);
    });

    // ref: spec/features/get_branch_version_spec.rb: "is expected to be a hal json success response"
    it('GET a branch version: 200 HAL JSON', async () => {
      const res = await get('/pacticipants/Foo/branches/main/versions/1').expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/lib/pact_broker/versions/branch_service_spec.rb: "is expected to eq \"1\""
    it('the branch version is of the version asked for', async () => {
      expect(
        (await get('/pacticipants/Foo/branches/main/versions/1').expect(200)).body._embedded.version.number,
      ).to.equal('1');
    });

    // ref: spec/features/get_latest_version_for_branch_spec.rb: "is expected to be a hal json success response"
    it('GET the latest version of a branch: 200 HAL JSON', async () => {
      const res = await get('/pacticipants/Foo/branches/main/latest-version').expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/get_latest_version_for_branch_spec.rb: "returns the latest version for the branch"
    it('the latest version of main is 2', async () => {
      expect((await get('/pacticipants/Foo/branches/main/latest-version').expect(200)).body.number).to.equal('2');
    });
  });

  describe('deleting (delete_branch_spec.rb, delete_branch_version_spec.rb, branch_repository_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1234', { branch: 'main' })
        .pacticipant('foo')
        .version('1234', { branch: 'not-main' })
        .version('555', { branch: 'main' })
        .consumer('bar')
        .version('1234', { branch: 'main' });
    });

    // ref: spec/features/delete_branch_spec.rb: "returns a 204 response"
    it('DELETE a branch: 204', async () => {
      await request(broker.server).delete('/pacticipants/foo/branches/main').expect(204);
    });

    // ref: spec/features/delete_branch_spec.rb: "deletes the branch"
    it('deletes only that branch', async () => {
      await request(broker.server).delete('/pacticipants/foo/branches/main').expect(204);
      expect(await broker.prisma.branch.count()).to.equal(2);
    });

    // ref: spec/features/delete_branch_spec.rb: "does not delete the pacticipant versions"
    it('keeps the versions', async () => {
      const before = await broker.prisma.version.count();
      await request(broker.server).delete('/pacticipants/foo/branches/main').expect(204);
      expect(await broker.prisma.version.count()).to.equal(before);
    });

    // ref: spec/features/delete_branch_spec.rb: "is expected to eq 404"
    it('a pacticipant that does not exist: 404', async () => {
      await request(broker.server).delete('/pacticipants/waffle/branches/main').expect(404);
    });

    // ref: spec/features/delete_branch_spec.rb: "deletes the branch"
    it('a flag asking to delete the versions too still deletes the branch', async () => {
      await request(broker.server).delete('/pacticipants/foo/branches/main?deletedAssociatedVersions=true').expect(204);
      expect(await branchNames('foo')).to.deep.equal(['not-main']);
    });

    // ref: spec/lib/pact_broker/versions/branch_repository_spec.rb: "deletes the branch versions"
    it("removes the branch's versions from it", async () => {
      await request(broker.server).delete('/pacticipants/foo/branches/main').expect(204);
      expect(await broker.prisma.branchVersion.count({ where: { branchName: 'main' } })).to.equal(1); // bar's
    });

    // ref: spec/lib/pact_broker/versions/branch_repository_spec.rb: "deletes the branch head"
    it('the branch no longer has a latest version', async () => {
      await request(broker.server).delete('/pacticipants/foo/branches/main').expect(204);
      await get('/pacticipants/foo/branches/main/latest-version').expect(404);
    });

    // ref: spec/features/delete_branch_version_spec.rb: "returns a 204 response"
    it('DELETE a branch version: 204', async () => {
      await request(broker.server).delete('/pacticipants/foo/branches/main/versions/1234').expect(204);
    });

    // ref: spec/features/delete_branch_version_spec.rb: "deletes the branch version"
    it('takes only that version off the branch', async () => {
      const before = await broker.prisma.branchVersion.count();
      await request(broker.server).delete('/pacticipants/foo/branches/main/versions/1234').expect(204);
      expect(await broker.prisma.branchVersion.count()).to.equal(before - 1);
    });

    // ref: spec/features/delete_branch_version_spec.rb: "is expected to eq 404"
    it('a version not on the branch: 404', async () => {
      await request(broker.server).delete('/pacticipants/foo/branches/main/versions/888').expect(404);
    });
  });

  describe('the head of a branch when a version leaves it (branch_version_repository_spec.rb)', () => {
    beforeEach(async () => {
      await broker.data().consumer('foo').version('1', { branch: 'main' }).version('2', { branch: 'main' });
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "does not update the branch head"
    it('removing an older version keeps the latest', async () => {
      await request(broker.server).delete('/pacticipants/foo/branches/main/versions/1').expect(204);
      expect((await get('/pacticipants/foo/branches/main/latest-version').expect(200)).body.number).to.equal('2');
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "does updates the branch head"
    it('removing the latest makes the previous one latest', async () => {
      await request(broker.server).delete('/pacticipants/foo/branches/main/versions/2').expect(204);
      expect((await get('/pacticipants/foo/branches/main/latest-version').expect(200)).body.number).to.equal('1');
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "deletes the branch head"
    it('removing the only version leaves no latest', async () => {
      await request(broker.server).delete('/pacticipants/foo/branches/main/versions/2').expect(204);
      await request(broker.server).delete('/pacticipants/foo/branches/main/versions/1').expect(204);
      await get('/pacticipants/foo/branches/main/latest-version').expect(404);
    });
  });

  describe('adding a version to a branch (branch_version_repository_spec.rb)', () => {
    beforeEach(async () => {
      await broker.data().consumer('Foo').version('1', { branch: 'original-branch' });
    });
    const put = (branch: string) =>
      request(broker.server).put(`/pacticipants/Foo/branches/${branch}/versions/1`).set(json).send('{}');

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "creates a branch"
    it('a new branch is created', async () => {
      await put('new-branch').expect(201);
      expect(await branchNames('Foo')).to.deep.equal(['new-branch', 'original-branch']);
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "creates a branch_version"
    it('the version joins it', async () => {
      await put('new-branch').expect(201);
      expect(await broker.prisma.branchVersion.count()).to.equal(2);
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "adds the branch_version to the version"
    it('the version is then on both branches', async () => {
      await put('new-branch').expect(201);
      const version = (await get('/pacticipants/Foo/versions/1').expect(200)).body;
      expect(version._embedded.branchVersions.map((b: { name: string }) => b.name)).to.deep.equal([
        'original-branch',
        'new-branch',
      ]);
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "updates the branch head"
    it('it is the latest version of the new branch', async () => {
      await put('new-branch').expect(201);
      expect((await get('/pacticipants/Foo/branches/new-branch/latest-version').expect(200)).body.number).to.equal('1');
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "sets the branch updated_at"
    it('the new branch records when it was updated', async () => {
      const before = Date.now();
      await put('new-branch').expect(201);
      const branch = await broker.prisma.branch.findFirstOrThrow({ where: { name: 'new-branch' } });
      expect(branch.updatedAt.getTime()).to.be.at.least(before - 1000);
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "does not creates a branch"
    it('the same branch again creates no branch', async () => {
      await put('original-branch').expect(200);
      expect(await branchNames('Foo')).to.deep.equal(['original-branch']);
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "does not create a branch_version"
    it('the same branch again adds nothing', async () => {
      await put('original-branch').expect(200);
      expect(await broker.prisma.branchVersion.count()).to.equal(1);
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "keeps the branch_version on the version"
    it('the version stays on its branch once', async () => {
      await put('original-branch').expect(200);
      const version = (await get('/pacticipants/Foo/versions/1').expect(200)).body;
      expect(version._embedded.branchVersions.map((b: { name: string }) => b.name)).to.deep.equal(['original-branch']);
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "does not change the branch head"
    it('it stays the latest version of the branch', async () => {
      await put('original-branch').expect(200);
      expect((await get('/pacticipants/Foo/branches/original-branch/latest-version').expect(200)).body.number).to.equal(
        '1',
      );
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "updates the branch updated_at"
    it('a branch last updated over a minute ago is marked updated', async () => {
      await ageBranches();
      const before = (await broker.prisma.branch.findFirstOrThrow()).updatedAt;
      await put('original-branch').expect(200);
      expect((await broker.prisma.branch.findFirstOrThrow()).updatedAt.getTime()).to.be.greaterThan(before.getTime());
    });

    // ref: spec/lib/pact_broker/versions/branch_version_repository_spec.rb: "does not update the branch updated_at"
    it('a branch updated within the last minute is left alone', async () => {
      const before = (await broker.prisma.branch.findFirstOrThrow()).updatedAt;
      await put('original-branch').expect(200);
      expect((await broker.prisma.branch.findFirstOrThrow()).updatedAt).to.deep.equal(before);
    });
  });

  describe('which versions are latest on a branch (branch_version_spec.rb)', () => {
    beforeEach(async () => {
      await broker.data().consumer('Foo').version('2', { branch: 'foo' }).version('3', { branch: 'foo' });
    });
    const onBranch = async (version: string) =>
      (await get(`/pacticipants/Foo/versions/${version}`).expect(200)).body._embedded.branchVersions[0] as {
        latest: boolean;
      };

    // ref: spec/lib/pact_broker/versions/branch_version_spec.rb: "is expected to be true"
    it('the newest version on the branch is latest', async () => {
      expect((await onBranch('3')).latest).to.equal(true);
    });

    // ref: spec/lib/pact_broker/versions/branch_version_spec.rb: "is expected to be false"
    it('an older one is not', async () => {
      expect((await onBranch('2')).latest).to.equal(false);
    });
  });

  describe("a pacticipant's branches (get_pacticipant_branches_spec.rb, branch_repository_spec.rb, pacticipant_branches_decorator_spec.rb)", () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Other')
        .version('1', { branch: 'blah' })
        .consumer('Foo')
        .version('1', { branch: 'main' })
        .version('2', { branch: 'main' })
        .version('3', { branch: 'feat/foo' })
        .version('4', { branch: 'feat/bar' });
    });
    const names = (body: { _embedded: { branches: { name: string }[] } }) => body._embedded.branches.map((b) => b.name);

    // ref: spec/features/get_pacticipant_branches_spec.rb: "is expected to be a hal json success response"
    it('answers 200 with HAL JSON', async () => {
      const res = await get('/pacticipants/Foo/branches').expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/get_pacticipant_branches_spec.rb: "returns a list of branches"
    it("lists the pacticipant's branches", async () => {
      expect((await get('/pacticipants/Foo/branches').expect(200)).body._embedded.branches).to.have.length(3);
    });

    // ref: spec/features/get_pacticipant_branches_spec.rb: "includes the page details"
    it('describes the page', async () => {
      const { page } = (await get('/pacticipants/Foo/branches').expect(200)).body;
      expect(page).to.deep.equal({ number: 1, size: 100, totalElements: 3, totalPages: 1 });
    });

    // ref: spec/features/get_pacticipant_branches_spec.rb: "only returns the number of items specified in the size"
    it('size=2: two branch links', async () => {
      expect(
        (await get('/pacticipants/Foo/branches?size=2&number=1').expect(200)).body._links['pb:branches'],
      ).to.have.length(2);
    });

    // ref: spec/features/get_pacticipant_branches_spec.rb: "includes the pagination relations"
    it('size=2: links to the next page', async () => {
      expect((await get('/pacticipants/Foo/branches?size=2&number=1').expect(200)).body._links).to.have.property(
        'next',
      );
    });

    // ref: spec/features/get_pacticipant_branches_spec.rb: "includes the page details"
    it('size=2: describes the page', async () => {
      const { page } = (await get('/pacticipants/Foo/branches?size=2&number=1').expect(200)).body;
      expect(page).to.deep.equal({ number: 1, size: 2, totalElements: 3, totalPages: 2 });
    });

    // ref: spec/features/get_pacticipant_branches_spec.rb: "returns a list of branches matching the filter"
    it('q= keeps the branches whose name contains it', async () => {
      expect(names((await get('/pacticipants/Foo/branches?q=feat').expect(200)).body)).to.have.members([
        'feat/foo',
        'feat/bar',
      ]);
    });

    // ref: spec/features/get_pacticipant_branches_spec.rb: "is expected to eq 404"
    it('a pacticipant that does not exist: 404', async () => {
      await get('/pacticipants/Bar/branches').expect(404);
    });

    // ref: spec/lib/pact_broker/versions/branch_repository_spec.rb: "returns all the branches for the pacticipant ordered by updated_at descending"
    it('most recently updated first', async () => {
      const body = (await get('/pacticipants/Foo/branches').expect(200)).body;
      expect(names(body)[0]).to.equal('feat/bar');
      expect(names(body).at(-1)).to.equal('main');
    });

    // ref: spec/lib/pact_broker/versions/branch_repository_spec.rb: "returns the branch with the most recent updated_at first"
    it('a new version on an old branch moves it first', async () => {
      await ageBranches();
      await broker.data().consumer('Foo').version('5', { branch: 'main' });
      expect(names((await get('/pacticipants/Foo/branches').expect(200)).body)[0]).to.equal('main');
    });

    // ref: spec/lib/pact_broker/versions/branch_repository_spec.rb: "uses the pagination options"
    it('page 2 of size 1 is the second most recent branch', async () => {
      expect(names((await get('/pacticipants/Foo/branches?pageSize=1&pageNumber=2').expect(200)).body)).to.deep.equal([
        'feat/foo',
      ]);
    });

    // ref: spec/lib/pact_broker/versions/branch_repository_spec.rb: "returns the matching branches"
    it('the filter matches part of the name', async () => {
      expect(names((await get('/pacticipants/Foo/branches?q=feat').expect(200)).body)).to.have.members([
        'feat/foo',
        'feat/bar',
      ]);
    });

    // ref: spec/lib/pact_broker/api/decorators/pacticipant_branches_decorator_spec.rb: "generates json"
    it('each branch has its name, creation time and links; the list links to each branch', async () => {
      const body = (await get('/pacticipants/Foo/branches').expect(200)).body;
      const main = body._embedded.branches.find((b: { name: string }) => b.name === 'main');
      expect(main.createdAt).to.be.a('string');
      expect(main._links.self.href).to.equal(`${broker.url}/pacticipants/Foo/branches/main`);
      expect(body._links.self.title).to.equal('Foo branches');
      expect(body._links['pb:branches']).to.deep.include({
        name: 'main',
        href: `${broker.url}/pacticipants/Foo/branches/main`,
      });
    });
  });

  describe('deleting all but some branches (delete_pacticipant_branches_spec.rb, branch_repository_spec.rb, branch_service_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Bar')
        .version('1', { branch: 'main' })
        .consumer('Foo', { mainBranch: 'main' })
        .version('1', { branch: 'main' })
        .version('2', { branch: 'feat/bar' })
        .version('3', { branch: 'feat/foo' });
    });
    const deleteBranches = (query = '?exclude[]=feat%2Fbar') =>
      request(broker.server).delete(`/pacticipants/Foo/branches${query}`);

    // ref: spec/features/delete_pacticipant_branches_spec.rb: "is expected to eq 202"
    it('answers 202', async () => {
      await deleteBranches().expect(202);
    });

    // ref: spec/features/delete_pacticipant_branches_spec.rb: "returns a list of notices to be displayed to the user"
    it('with notices for the user', async () => {
      const res = await deleteBranches().expect(202);
      expect(res.body.notices).to.be.an('array');
      expect(res.body.notices[0]).to.have.property('text');
    });

    // ref: spec/features/delete_pacticipant_branches_spec.rb: "after the request, it deletes all except the excluded branches for a pacticipant"
    it('keeps the excluded branches and the main branch, deletes the rest', async () => {
      expect(await branchNames('Foo')).to.deep.equal(['feat/bar', 'feat/foo', 'main']);
      await deleteBranches().expect(202);
      expect(await branchNames('Foo')).to.deep.equal(['feat/bar', 'main']);
      expect(await branchNames('Bar')).to.deep.equal(['main']);
    });

    // ref: spec/lib/pact_broker/versions/branch_service_spec.rb: "returns a list of notices"
    it('the notice says how many were deleted and names the ones left', async () => {
      const res = await deleteBranches().expect(202);
      expect(res.body.notices[0].text)
        .to.match(/1 branch/)
        .and.to.match(/feat\/bar, main/);
    });
  });

  describe('counting and deleting with exclusions (branch_repository_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { branch: 'main' })
        .version('3', { branch: 'not-main' })
        .version('4', { branch: 'foo' })
        .version('5', { branch: 'bar' })
        .version('6', { branch: 'not-bar' })
        .consumer('bar')
        .version('1', { branch: 'main' });
    });

    // ref: spec/lib/pact_broker/versions/branch_repository_spec.rb: "returns a count of the number of branches that will be deleted"
    it('excluding foo deletes three branches (main is the detected main branch)', async () => {
      const res = await request(broker.server).delete('/pacticipants/foo/branches?exclude[]=foo').expect(202);
      expect(res.body.notices[0].text).to.match(/Deleted 3 branches/);
    });

    // ref: spec/lib/pact_broker/versions/branch_repository_spec.rb: "deletes all the branches except for the excluded ones and the main branch"
    it('leaves the excluded branch and the main branch', async () => {
      await request(broker.server).delete('/pacticipants/foo/branches?exclude[]=foo').expect(202);
      expect(await branchNames('foo')).to.deep.equal(['foo', 'main']);
    });

    // ref: spec/lib/pact_broker/versions/branch_repository_spec.rb: "returns the branches that will not be deleted"
    it('names the branches left', async () => {
      const res = await request(broker.server).delete('/pacticipants/foo/branches?exclude[]=foo').expect(202);
      expect(res.body.notices[0].text).to.match(/foo, main$/);
    });
  });

  describe("a branch's versions (get_branch_versions_spec.rb, api/resources/branch_versions_spec.rb)", () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { branch: 'main' })
        .version('2', { branch: 'main' })
        .version('3', { branch: 'foo' })
        .version('4', { branch: 'main' })
        .consumer('Bar')
        .version('1', { branch: 'main' });
    });

    // ref: spec/features/get_branch_versions_spec.rb: "is expected to be a hal json success response"
    it('answers 200 with HAL JSON', async () => {
      const res = await get('/pacticipants/Foo/branches/main/versions').expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/get_branch_versions_spec.rb: "returns the branch versions"
    it('lists the versions on the branch', async () => {
      expect(
        (await get('/pacticipants/Foo/branches/main/versions').expect(200)).body._embedded.versions,
      ).to.have.length(3);
    });

    // ref: spec/features/get_branch_versions_spec.rb: "is expected to eq 404"
    it('a branch that does not exist: 404', async () => {
      await get('/pacticipants/Foo/branches/cat/versions').expect(404);
    });

    // ref: spec/features/get_branch_versions_spec.rb: "only returns the number of items specified in the size"
    it('size=2: two versions', async () => {
      expect(
        (await get('/pacticipants/Foo/branches/main/versions?size=2&page=1').expect(200)).body._embedded.versions,
      ).to.have.length(2);
    });

    // ref: spec/features/get_branch_versions_spec.rb: "includes the pagination relations"
    it('size=2: links to the next page', async () => {
      expect(
        (await get('/pacticipants/Foo/branches/main/versions?size=2&page=1').expect(200)).body._links,
      ).to.have.property('next');
    });

    // ref: spec/features/get_branch_versions_spec.rb: "includes the page details"
    it('size=2: describes the page', async () => {
      const { page } = (await get('/pacticipants/Foo/branches/main/versions?size=2&page=1').expect(200)).body;
      expect(page).to.deep.equal({ number: 1, size: 2, totalElements: 3, totalPages: 2 });
    });

    // ref: spec/lib/pact_broker/api/resources/branch_versions_spec.rb: "is expected to eq 404"
    it('a pacticipant that does not exist: 404 with an error', async () => {
      const res = await get('/pacticipants/Nobody/branches/main/versions/').expect(404);
      expect(res.body.error).to.be.a('string');
    });

    // ref: spec/lib/pact_broker/api/resources/branch_versions_spec.rb: "is expected to eq 200"
    it('with a trailing slash: 200', async () => {
      await get('/pacticipants/Foo/branches/main/versions/').expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/branch_versions_spec.rb: "contains pb:deployed-environments and pb:released-environments for each version"
    it('each version links to its deployments and releases', async () => {
      const test = randomUUID();
      await broker
        .data()
        .environment('test', { uuid: test })
        .environment('prod')
        .consumer('Foo')
        .version('4')
        .deployedTo('test')
        .deployedTo('prod')
        .releasedTo('test')
        .releasedTo('prod');
      const [latest] = (await get('/pacticipants/Foo/branches/main/versions').expect(200)).body._embedded.versions;
      expect(latest._links['pb:deployed-environments']).to.have.length(2);
      expect(latest._links['pb:deployed-environments'][0]).to.include.keys('title', 'name', 'href');
      expect(latest._links['pb:released-environments']).to.have.length(2);
      expect(latest._links['pb:released-environments'][0]).to.include.keys('title', 'name', 'href');
    });
  });
});
