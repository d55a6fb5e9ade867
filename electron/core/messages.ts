import i18next, { type TFunction } from 'i18next';
import de from '../../resources/locales/de.json';
import en from '../../resources/locales/en.json';

/** The UI catalogue, for text the Node side prints itself (command line). German first, like the UI. */
export async function nodeTranslator(lng: 'de' | 'en' = 'de'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    fallbackLng: 'de',
    resources: { de: { translation: de }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}
