/** A translate function as i18next hands it out (the contract does not depend on i18next itself). */
type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A message about a list fetched from a URL: in the words for an address where the catalogue has them (i18next's
 * context "url": "Die Adresse liefert nur die Kopfzeile …", not "die Datei"), and for a later page of a paged API
 * with the page that failed: "Seite 2 der Liste kam nicht an …" before "Die Adresse antwortet mit Fehler 500",
 * which alone read as if the whole server were down. Shared by the screens and the command line.
 */
export function urlMessage(t: Translate, key: string, params: Record<string, unknown>): string {
  const text = t(key, { context: 'url', ...params });
  return typeof params.laterPage === 'number' ? `${t('sync.error.laterPage', { page: params.laterPage })} ${text}` : text;
}
