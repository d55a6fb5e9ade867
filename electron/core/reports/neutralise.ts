/**
 * Spreadsheet formula injection ("CSV injection"): a cell that starts with = + - @ (or a tab or carriage return,
 * which some programs skip before looking) is run as a formula when the file is opened, so a registration named
 * `=HYPERLINK("http://…")` could run something on the organiser's machine. Such text gets a leading apostrophe,
 * which Excel and LibreOffice show as plain text, as OWASP recommends. Leading spaces and line breaks are looked
 * through too: some importers trim them before deciding.
 */
const DANGEROUS = /^[\s\u00a0\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

export function neutralise(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text;
}

/**
 * A phone number or a number with a sign ("+49 171 0000000", "-5"): nothing a spreadsheet could run, whatever it
 * does with it.
 */
const NUMBER_LIKE = /^[\s\u00a0]*[+-][\d\s\u00a0()/.+-]*$/;

/**
 * A text cell of a workbook: Excel never runs what a text cell holds as it opens the file, but shows an apostrophe
 * in front of it as part of the text ("'+49 171 …" on every phone number of a list). Formula-like text still gets
 * one, should someone edit the cell and confirm it; a phone number or a signed number does not need it.
 */
export function neutraliseInWorkbook(text: string): string {
  return NUMBER_LIKE.test(text) || WORDS_AFTER_SIGN.test(text) ? text : neutralise(text);
}

/**
 * A name or word after a leading sign ("-Schmidt", "@home", "+ Gäste"): edited and confirmed, Excel reads at most a
 * name it does not know (#NAME?); nothing is called or linked without brackets, "|", "!", "=" or quotes. A QA
 * walkthrough found „'-Schmidt“ with its apostrophe in the attendance workbook.
 */
const WORDS_AFTER_SIGN = /^[\s\u00a0]*[+\-@][\p{L}\p{N}\s\u00a0.'’-]*$/u;

export function isDangerous(text: string): boolean {
  return DANGEROUS.test(text);
}
