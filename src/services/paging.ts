/**
 * Reading a paged list service to its end — how exports hold exactly the rows a list shows: they ask
 * the list's own service, page after page, so its filters and its policy apply unchanged.
 */
export const EXPORT_PAGE = 500;

/** Every item of a paged list, page by page from `first` (page 1, already read); stops at a short page. */
export async function* allPages<T>(first: { items: T[] }, next: (page: number) => Promise<{ items: T[] }>, pageSize = EXPORT_PAGE): AsyncGenerator<T> {
  for (let page = 1, list = first; ; list = await next(++page)) {
    yield* list.items;
    if (list.items.length < pageSize) return;
  }
}
