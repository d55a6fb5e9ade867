import { nameSaysKind } from '../../contract/programme-names';
import type { Translate } from './columns';

/**
 * A walk's name in the PDFs, with „(Stadtrundgang)“ after it unless the name says so already („Stadtrundgang:
 * Altstadt …“, „Stadtrundgang Altstadt“); sessions as they are named.
 */
export function listLabel(list: { name: string; kind: string }, t: Translate): string {
  if (list.kind !== 'walk') return list.name;
  const kind = t('reports.kind.walk');
  return nameSaysKind(list.name, kind) ? list.name : `${list.name} (${kind})`;
}
