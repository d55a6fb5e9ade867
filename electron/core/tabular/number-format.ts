/**
 * Percentages and amounts of money as a German spreadsheet program shows them: a cell holds 0.5 formatted "0%" and
 * the sheet shows 50%; 1234.5 formatted '#,##0.00 "€"' shows 1.234,50 €. Read as the bare number, a list's
 * "Ermäßigung" or "Teilnahmebeitrag" said 0.5 and 1234.5. Other numbers are left as they are (ids, counts).
 */

export interface ShownNumber {
  percent: boolean;
  decimals: number;
  grouping: boolean;
  prefix: string;
  suffix: string;
}

/** Excel's built-in percentage formats (ECMA-376 part 1, 18.8.30); its built-in currencies depend on the machine. */
const BUILT_IN: Record<number, string> = { 9: '0%', 10: '0.00%' };

/** How a format (custom `code`, or built-in `id`) shows a number, when it is a percentage or an amount of money. */
export function shownNumberOf(id: number, code: string | undefined): ShownNumber | null {
  const section = (code ?? BUILT_IN[id] ?? '').split(';')[0]!;
  let prefix = '';
  let suffix = '';
  let digits = '';
  let percent = false;
  let money = false;
  const literal = (text: string) => {
    if (digits) suffix += text;
    else prefix += text;
  };
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      const text = section.slice(i + 1, end < 0 ? undefined : end);
      literal(text);
      money ||= /[€$£¥]|eur|chf/i.test(text);
      i = end < 0 ? section.length : end;
    } else if (c === '[') {
      const end = section.indexOf(']', i);
      const token = section.slice(i + 1, end < 0 ? undefined : end);
      // [$€-407]: a currency symbol with its locale; [Red], [>=100] and the like show nothing.
      if (token.startsWith('$')) {
        const symbol = token.slice(1).split('-')[0]!;
        literal(symbol);
        money ||= symbol !== '';
      }
      i = end < 0 ? section.length : end;
    } else if (c === '\\') {
      literal(section[i + 1] ?? '');
      money ||= /[€$£¥]/.test(section[i + 1] ?? '');
      i++;
    } else if (c === '_' || c === '*') {
      i++;
    } else if ('0#?.,'.includes(c)) {
      if (suffix) return null;
      digits += c;
    } else if (c === '%') {
      percent = true;
      literal('%');
    } else {
      literal(c);
      money ||= /[€$£¥]/.test(c);
    }
  }
  if (!digits || (!percent && !money)) return null;
  const [whole, fraction = ''] = digits.split('.');
  return {
    percent, decimals: fraction.replace(/[^0#?]/g, '').length, grouping: whole!.includes(','),
    prefix: prefix.replace(/\s+/g, ' ').trimStart(), suffix: suffix.replace(/\s+/g, ' ').trimEnd(),
  };
}

/** The number as the format shows it, with German separators. */
export function showNumber(n: number, f: ShownNumber): string {
  const value = f.percent ? n * 100 : n;
  const [whole, fraction] = Math.abs(value).toFixed(f.decimals).split('.');
  const grouped = f.grouping ? whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : whole!;
  const sign = value < 0 && Number(Math.abs(value).toFixed(f.decimals)) !== 0 ? '-' : '';
  return `${sign}${f.prefix}${grouped}${fraction ? `,${fraction}` : ''}${f.suffix}`;
}
