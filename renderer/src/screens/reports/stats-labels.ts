import type { TFunction } from 'i18next';
import type { StatsGroup } from '../../../../electron/contract/report-methods';

export function percent(part: number, whole: number | null): string {
  if (!whole) return '–';
  return `${(Math.round((part / whole) * 1000) / 10).toLocaleString('de-DE')} %`;
}

export type Dimension = 'bySector' | 'byOrganisationType' | 'byFederalState';

export function groupLabel(dimension: Dimension, g: StatsGroup, t: TFunction): string {
  if (g.key === null) return t('reports.value.notStated');
  return dimension === 'byOrganisationType' ? t(`reports.orgType.${g.key}`) : g.key;
}
