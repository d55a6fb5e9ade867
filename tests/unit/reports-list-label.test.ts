import { describe, expect, it } from 'vitest';
import { nameSaysKind } from '../../electron/contract/programme-names';
import { listLabel } from '../../electron/core/reports/list-label';
import { exportTranslator } from '../../electron/core/reports/translator';

describe('walks and sessions are not labelled twice', () => {
  it.each([
    ['Stadtrundgang: Altstadt und Schloss Neu-Augustusburg', undefined, true],
    ['Fachforum 1: Migration und Inklusion', undefined, true],
    ['Workshop: Konfliktanalyse', undefined, true],
    ['Stadtrundgang Altstadt', 'Stadtrundgang', true],
    ['Kleiner stadtrundgang am Abend', 'Stadtrundgang', true],
    ['Stadtrundgang Altstadt', undefined, false],
    ['Ankommen in Weißenfels – Orte der Vielfalt', 'Stadtrundgang', false],
    // A colon late in the name, or a time, is not a kind in front.
    ['Ab: Marktplatz', 'Stadtrundgang', false],
    ['Rundgang um 16:00 Uhr', 'Stadtrundgang', false],
  ])('%s (kind %s) → %s', (name, kind, says) => {
    expect(nameSaysKind(name, kind)).toBe(says);
  });

  it('the PDFs add „(Stadtrundgang)“ only to a walk whose name does not say so', async () => {
    const t = await exportTranslator();
    expect(listLabel({ name: 'Stadtrundgang: Altstadt und Schloss Neu-Augustusburg', kind: 'walk' }, t)).toBe('Stadtrundgang: Altstadt und Schloss Neu-Augustusburg');
    expect(listLabel({ name: 'Stadtrundgang Altstadt', kind: 'walk' }, t)).toBe('Stadtrundgang Altstadt');
    expect(listLabel({ name: 'Ankommen in Weißenfels – Orte der Vielfalt', kind: 'walk' }, t)).toBe('Ankommen in Weißenfels – Orte der Vielfalt (Stadtrundgang)');
    expect(listLabel({ name: 'Keynote', kind: 'session' }, t)).toBe('Keynote');
  });
});
