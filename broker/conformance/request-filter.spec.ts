import { expect } from 'chai';
import { parseRackQuery } from '../rack-query.ts';
import { parseMatrixQuery } from '../matrix/parse-query.ts';
import { regroupMatrixQuery, resolvePlaceholder, type PlaceholderLookup } from './request-filter.ts';

const lookup: PlaceholderLookup = {
  pacticipantName: async (name) => (name.toUpperCase() === 'FOO' ? 'Foo' : undefined),
  versionNumber: async (_pacticipant, number) => number.toLowerCase(),
  environmentUuid: async (name) => (name.toUpperCase() === 'TEST' ? 'cb632df3-0a0d-4227-aac3-60114dd36479' : undefined),
};

describe('broker conformance: the verifier request filter', () => {
  it("maps placeholder paths to the broker's real paths", async () => {
    const cases: [string, string][] = [
      ['/HAL-REL-PLACEHOLDER-PB-PUBLISH-CONTRACTS', '/contracts/publish'],
      [
        '/HAL-REL-PLACEHOLDER-INDEX-PB-LATEST-TAGGED-VERSION-Condor-production',
        '/pacticipants/Condor/latest-version/production',
      ],
      ['/HAL-REL-PLACEHOLDER-INDEX-PB-LATEST-VERSION-Condor', '/pacticipants/Condor/latest-version'],
      ['/HAL-REL-PLACEHOLDER-PB-PACTICIPANT-VERSION-Foo-5556b814', '/pacticipants/Foo/versions/5556b814'],
      ['/HAL-REL-PLACEHOLDER-PB-PACTICIPANT-BRANCH-Foo-main', '/pacticipants/Foo/branches/main'],
      [
        '/HAL-REL-PLACEHOLDER-PB-RECORD-DEPLOYMENT-FOO-5556B814-TEST',
        '/pacticipants/Foo/versions/5556b814/deployed-versions/environment/cb632df3-0a0d-4227-aac3-60114dd36479',
      ],
      [
        '/HAL-REL-PLACEHOLDER-PB-RECORD-RELEASE-FOO-5556B814-TEST',
        '/pacticipants/Foo/versions/5556b814/released-versions/environment/cb632df3-0a0d-4227-aac3-60114dd36479',
      ],
      [
        '/PLACEHOLDER-DEPLOYED-VERSION-ff3adecf-cfc5-4653-a4e3-f1861092f8e0',
        '/deployed-versions/ff3adecf-cfc5-4653-a4e3-f1861092f8e0',
      ],
      [
        '/PLACEHOLDER-ENVIRONMENT-CURRENTLY-DEPLOYED-16926ef3-590f-4e3f-838e-719717aa88c9',
        '/environments/16926ef3-590f-4e3f-838e-719717aa88c9/deployed-versions/currently-deployed',
      ],
      ['/HAL-REL-PLACEHOLDER-PB-WEBHOOKS', '/webhooks'],
    ];
    for (const [placeholder, real] of cases)
      expect(await resolvePlaceholder(placeholder, lookup), placeholder).to.equal(real);
    expect(await resolvePlaceholder('/pacticipants/Foo', lookup)).to.equal(undefined);
    expect(await resolvePlaceholder('/HAL-REL-PLACEHOLDER-PB-RECORD-DEPLOYMENT-NOBODY-1-TEST', lookup)).to.equal(
      undefined,
    );
  });

  it('regroups a matrix query recorded with its parameters sorted by name', () => {
    const selectors = (query: string) => parseMatrixQuery(parseRackQuery(query)).selectors;
    expect(
      selectors(
        regroupMatrixQuery(
          'latestby=cvpv&q[][pacticipant]=Foo+Thing&q[][pacticipant]=Bar&q[][version]=1%2e2%2e3&q[][version]=4%2e5%2e6',
        ),
      ),
    ).to.deep.equal([
      { pacticipant: 'Foo Thing', version: '1.2.3' },
      { pacticipant: 'Bar', version: '4.5.6' },
    ]);
    expect(
      selectors(
        regroupMatrixQuery(
          'latestby=cvpv&q[][latest]=true&q[][pacticipant]=Foo&q[][pacticipant]=Bar&q[][tag]=prod&q[][version]=1%2e2%2e3',
        ),
      ),
    ).to.deep.equal([
      { pacticipant: 'Foo', version: '1.2.3' },
      { pacticipant: 'Bar', latest: true, tag: 'prod' },
    ]);
    const withIgnore = parseMatrixQuery(
      parseRackQuery(
        regroupMatrixQuery(
          'ignore[][pacticipant]=Foo&ignore[][version]=3%2e4%2e5&latestby=cvpv' +
            '&q[][pacticipant]=Bar&q[][pacticipant]=Foo&q[][tag]=prod&q[][version]=4%2e5%2e6',
        ),
      ),
    );
    expect(withIgnore.selectors).to.deep.equal([
      { pacticipant: 'Bar', version: '4.5.6' },
      { pacticipant: 'Foo', tag: 'prod' },
    ]);
    expect(withIgnore.options.ignore).to.deep.equal([{ pacticipant: 'Foo', version: '3.4.5' }]);
    expect(withIgnore.options.latestby).to.equal('cvpv');
  });
});
