import { foldQuery } from '../text/fold';

/** A column name as it is compared: folded (case, umlauts), "#" as "no", punctuation as spaces. */
export function normaliseHeader(header: string): string {
  return foldQuery(header.replace(/#/g, ' no ').replace(/[-_./:()]+/g, ' ')).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}
