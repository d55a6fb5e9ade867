import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { countsText } from '../../renderer/src/screens/sync/counts-text';

const catalogue = (lang: string) => JSON.parse(readFileSync(new URL(`../../resources/locales/${lang}.json`, import.meta.url), 'utf8')) as object;

async function t(lang: 'de' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: lang, resources: { [lang]: { translation: catalogue(lang) } }, interpolation: { escapeValue: false } });
  return i18n.t.bind(i18n);
}

describe('what a sync did, in one line (history and a list\'s card)', () => {
  it('the four counts, then the corrections kept and the new ones cancelled already, where there are any', async () => {
    const de = await t('de');
    expect(countsText(de, { added: 3, updated: 0, cancelled: 0, unchanged: 0 })).toBe('3 neu, 0 geändert, 0 storniert, 0 unverändert');
    expect(countsText(de, { added: 1200, updated: 2, cancelled: 1, unchanged: 98_000, keptLocal: 1, addedCancelled: 1 }))
      .toBe('1.200 neu, 2 geändert, 1 storniert, 98.000 unverändert; bei 1 davon blieb eine Korrektur aus der App; von den Neuen 1 schon storniert');
    // A run of an older version has no such counts.
    expect(countsText(de, { added: 1 })).toBe('1 neu, 0 geändert, 0 storniert, 0 unverändert');
    expect(countsText(await t('en'), { added: 2, updated: 1, cancelled: 0, unchanged: 5, keptLocal: 2 }))
      .toBe('2 new, 1 changed, 0 cancelled, 5 unchanged; for 2 of them corrections made in the app were kept');
  });
});
