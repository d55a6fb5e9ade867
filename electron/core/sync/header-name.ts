import { foldQuery } from '../text/fold';
import { withoutGenderForms } from '../text/gender-forms';

/** A column name as it is compared: gender forms folded, case and umlauts folded, "#" as "no", punctuation as spaces. */
export function normaliseHeader(header: string): string {
  return foldQuery(withoutGenderForms(header).replace(/#/g, ' no ').replace(/[-_./:()]+/g, ' ')).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}
