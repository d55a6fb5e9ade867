/**
 * What the last look at a URL list found ("Übernommen", "Änderungen warten auf Freigabe", "Abruf fehlgeschlagen"
 * with its time and counts), kept with the list so it is still shown after the app was restarted. JSON, without
 * the dry run it may have made (dry runs live in memory only). Additive only.
 */
export const migration011 = `
ALTER TABLE sync_sources ADD COLUMN last_check TEXT;
`;
