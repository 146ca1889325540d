// The API dashboard's body in the Pact Broker's shape (api/decorators/dashboard_decorator.rb), and its
// text/plain table (dashboard_text_decorator.rb).
import type { DashboardItem } from '../integrations/dashboard-items.service.ts';
import type { Urls } from '../urls.ts';

const tagsOf = (urls: Urls, pacticipant: string, version: string, names: string[]) =>
  names.map((name) => ({ name, latest: true, _links: { self: { href: urls.tag(pacticipant, version, name) } } }));

function itemBody(urls: Urls, item: DashboardItem) {
  const consumer = item.consumer_name;
  const provider = item.provider_name;
  const verified = item.verification_success !== null;
  const pactUrl = urls.pact(provider, consumer, item.consumer_version_number);
  return {
    consumer: {
      name: consumer,
      version: {
        number: item.consumer_version_number,
        branch: item.consumer_head_branches.at(-1) ?? null,
        headBranchNames: item.consumer_head_branches,
        _links: { self: { href: urls.version(consumer, item.consumer_version_number) } },
      },
      _links: { self: { href: urls.pacticipant(consumer) } },
    },
    provider: {
      name: provider,
      version: verified
        ? {
            number: item.provider_version_number,
            branch: item.provider_head_branches?.at(-1) ?? null,
            headBranchNames: item.provider_head_branches ?? [],
          }
        : null,
      _links: { self: { href: urls.pacticipant(provider) } },
    },
    pact: { createdAt: item.pact_created_at.toISOString(), _links: { self: { href: pactUrl } } },
    pactTags: tagsOf(urls, consumer, item.consumer_version_number, [...item.tag_names].sort()),
    // The latest pact's URL, not a permalink, so a refresh shows the newest result (as the Pact Broker links it).
    latestVerificationResult: verified
      ? {
          success: item.verification_success,
          verifiedAt: item.verified_at!.toISOString(),
          _links: { self: { href: `${pactUrl}/verification-results/latest` } },
        }
      : null,
    latestVerificationResultTags: verified
      ? tagsOf(urls, provider, item.provider_version_number!, item.provider_latest_tags ?? [])
      : [],
    verificationStatus: item.verificationStatus,
    webhookStatus: item.webhookStatus,
    latestWebhookExecution: item.last_webhook_at ? { triggeredAt: item.last_webhook_at.toISOString() } : null,
    _links: {
      'pb:webhook-status': {
        title: `Status of webhooks for ${consumer}/${provider} pact`,
        href: `${urls.pactWebhooks(provider, consumer)}/status`,
      },
    },
  };
}

export function dashboardBody(urls: Urls, items: DashboardItem[]) {
  return { items: items.map((item) => itemBody(urls, item)) };
}

/** One line per item under upper-case column names, columns padded to their widest cell. */
export function dashboardText(items: DashboardItem[]): string {
  const header = ['CONSUMER_NAME', 'C_VERSION', 'C_TAGS', 'PROVIDER_NAME', 'P_VERSION', 'P_TAGS', 'SUCCESS'];
  const rows = items.map((item) => [
    item.consumer_name,
    item.consumer_version_number,
    [...item.tag_names].sort().join(', '),
    item.provider_name,
    item.provider_version_number ?? '',
    (item.provider_latest_tags ?? []).join(', '),
    item.verificationStatus,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n') + '\n';
}
