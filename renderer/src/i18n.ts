import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from '../../resources/locales/de.json';
import en from '../../resources/locales/en.json';

const LANGUAGE_KEY = 'einlass.language';

export function initI18n(): typeof i18next {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  void i18next.use(initReactI18next).init({
    lng: saved === 'en' ? 'en' : 'de',
    fallbackLng: 'de',
    resources: { de: { translation: de }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return i18next;
}

export function setLanguage(lng: 'de' | 'en'): void {
  localStorage.setItem(LANGUAGE_KEY, lng);
  void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}
