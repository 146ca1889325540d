// Paging of the lists the Pact Broker pages (pacticipants, versions, labels, branches, ...): asked for
// with `page` and `size` (or the older `pageNumber` and `pageSize`), each a whole number from 1. A list
// asked for without them is not paged and has no `page` section; a paged one has `page` and `next` /
// `previous` links, as the Pact Broker answers.
import { ValidationError } from '../domain-errors.ts';
import type { PageRequest } from '../paging.ts';
import type { QueryObject } from '../rack-query.ts';

const MAX_PAGE_SIZE = 1000;

function whole(value: unknown, name: string, errors: Record<string, string[]>): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,7}$/.test(value)) {
    errors[name] = ['must be an integer'];
    return undefined;
  }
  if (Number(value) < 1) {
    errors[name] = ['must be greater than or equal to 1'];
    return undefined;
  }
  const number = Number(value);
  if (name.toLowerCase().includes('size') && number > MAX_PAGE_SIZE) {
    errors[name] = [`must be at most ${MAX_PAGE_SIZE}`];
    return undefined;
  }
  return number;
}

/** The page asked for, undefined when the list is not paged; 400 naming each bad parameter. */
export function pageRequestOf(query: QueryObject, defaultSize = 100): PageRequest | undefined {
  const errors: Record<string, string[]> = {};
  const [numberName, sizeName] =
    query.page !== undefined || query.size !== undefined ? ['page', 'size'] : ['pageNumber', 'pageSize'];
  const number = whole(query[numberName], numberName, errors);
  const size = whole(query[sizeName], sizeName, errors);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  if (query[numberName] === undefined && query[sizeName] === undefined) return undefined;
  return { number: number ?? 1, size: size ?? defaultSize };
}

/** The `page` section and the `next`/`previous` links of a paged list (nothing for an unpaged one). */
export function pageParts(page: PageRequest | undefined, total: number, resourceUrl: string) {
  if (!page) return { page: undefined, links: {} };
  const totalPages = Math.max(1, Math.ceil(total / page.size));
  const at = (number: number) => `${resourceUrl}?size=${page.size}&page=${number}`;
  return {
    page: { number: page.number, size: page.size, totalElements: total, totalPages },
    links: {
      ...(page.number < totalPages ? { next: { title: 'Next page', href: at(page.number + 1) } } : {}),
      ...(page.number > 1 ? { previous: { title: 'Previous page', href: at(page.number - 1) } } : {}),
    },
  };
}
