// A page of a list, as the services read it (the HTTP side, http/pagination.ts, reads it from the query
// and writes the `page` section and links).

export interface PageRequest {
  number: number;
  size: number;
}

/** How many rows come before the page (none for an unpaged list). */
export const skipOf = (page: PageRequest | undefined) => (page ? (page.number - 1) * page.size : 0);
