import type { TFunction } from 'i18next';
import { nodeTranslator } from '../messages';
import type { Translate } from './columns';

let german: Promise<TFunction> | null = null;

/**
 * Exports speak German (headers, certificates, charts), whatever language the screen shows: they go to funders
 * and attendees in Germany. The texts live in the catalogue (resources/locales, namespace "reports").
 */
export async function exportTranslator(): Promise<Translate> {
  german ??= nodeTranslator('de');
  const t = await german;
  return (key, vars) => t(key, vars ?? {});
}
