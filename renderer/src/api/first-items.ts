/**
 * The first `limit` items of a list the contract gives at most `max` of per call (a page of people, of a dry run's
 * changes): asked for in turn from the start, so "Mehr anzeigen" goes on past what one call gives.
 */
export async function firstItems<T>(
  limit: number, max: number, page: (offset: number, limit: number) => Promise<{ total: number; items: T[] }>,
): Promise<{ total: number; items: T[] }> {
  const items: T[] = [];
  let total = 0;
  for (let offset = 0; offset < limit; offset += max) {
    const part = await page(offset, Math.min(max, limit - offset));
    total = part.total;
    items.push(...part.items);
    if (items.length >= total || part.items.length === 0) break;
  }
  return { total, items };
}
