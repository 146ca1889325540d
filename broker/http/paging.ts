// The page a list request asks for: `pageNumber`/`pageSize`, or `page`/`size` as the Pact Broker also
// accepts (defaults 1 and 100), validated (a bad value is a 400 naming the parameter).
import { pageSchema } from '../schemas/version.ts';
import type { QueryObject } from './rack-query.ts';
import { parseInput } from './validate.ts';

export interface Page {
  number: number;
  size: number;
}

export function requestedPage(query: QueryObject, defaultSize = 100): Page {
  const page = parseInput(
    pageSchema,
    { pageNumber: query.pageNumber ?? query.page ?? query.number, pageSize: query.pageSize ?? query.size },
    'query',
  );
  return { number: page.pageNumber ?? 1, size: page.pageSize ?? defaultSize };
}

/** The page details and next/previous links of a paged list at `self` (which has no query). */
export function pageLinks(self: string, page: Page, total: number) {
  const pages = Math.max(1, Math.ceil(total / page.size));
  const at = (number: number) => `${self}?pageNumber=${number}&pageSize=${page.size}`;
  return {
    page: { number: page.number, size: page.size, totalElements: total, totalPages: pages },
    self: at(page.number),
    links: {
      ...(page.number < pages ? { next: { title: 'Next page', href: at(page.number + 1) } } : {}),
      ...(page.number > 1 ? { previous: { title: 'Previous page', href: at(page.number - 1) } } : {}),
    },
  };
}
