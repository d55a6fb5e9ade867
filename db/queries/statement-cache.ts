import type { Statement } from 'better-sqlite3';
import type { Db } from '../open';

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement kept per connection: merging ten thousand records runs the same few statements ten
 * thousand times, and preparing them anew each time costs more than running them.
 */
export function cached(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
