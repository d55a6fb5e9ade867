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

export function isDangerous(text: string): boolean {
  return DANGEROUS.test(text);
}
