/**
 * A number written with leading zeros ("0070", as a registration system writes an id or code) without them ("70",
 * as Excel saves it once the list was opened there); null for anything else (no zeros, not only digits, "0" alone).
 */
export function withoutLeadingZeros(value: string): string | null {
  return /^0+\d+$/.test(value) ? value.replace(/^0+(?=\d)/, '') : null;
}

/** A whole number as Excel leaves it: digits, none of them a leading zero ("70", not "0070" or "0"). */
export const isBareNumber = (value: string): boolean => /^[1-9]\d*$/.test(value);
