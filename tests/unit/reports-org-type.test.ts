import { describe, expect, it } from 'vitest';
import { ORGANISATIONS } from '../../electron/core/demo/demo-organisations';
import { organisationType } from '../../electron/core/reports/organisation-type';

describe('organisation type', () => {
  it.each([
    ['Stadt Weißenfels', 'Verwaltung', 'municipality'],
    ['Landeshauptstadt Magdeburg', 'Verwaltung', 'municipality'],
    ['Gemeinde Elsteraue', 'Verwaltung', 'municipality'],
    ['Stadtwerke Leipzig', 'Verwaltung', 'otherAdministration'],
    ['Landkreis Burgenlandkreis', 'Verwaltung', 'district'],
    ['Landratsamt Görlitz', 'Verwaltung', 'district'],
    ['Stadtrat Weißenfels', 'Politik', 'localPolitics'],
    ['Kreistag Greiz', 'Politik', 'localPolitics'],
    ['Bundesministerium des Innern und für Heimat', 'Bund/Land', 'federal'],
    ['Bundeszentrale für politische Bildung', 'Bund/Land', 'federal'],
    ['Ministerium für Inneres und Sport des Landes Sachsen-Anhalt', 'Bund/Land', 'state'],
    ['Sächsisches Staatsministerium für Soziales', 'Bund/Land', 'state'],
    ['Landeszentrale für politische Bildung Sachsen-Anhalt', 'Bund/Land', 'state'],
    ['Hochschule Merseburg', 'Wissenschaft', 'research'],
    ['Deutsches Institut für Urbanistik', 'Wissenschaft', 'research'],
    ['Stiftung Lebendige Demokratie', 'Zivilgesellschaft', 'foundation'],
    ['Nachbarschaftsnetz Weißenfels e.V.', 'Zivilgesellschaft', 'association'],
    ['Saale-Unstrut-Rundschau', 'Zivilgesellschaft', 'media'],
    ['K3B – Kompetenzzentrum Kommunale Konfliktberatung', 'Zivilgesellschaft', 'other'],
    ['Irgendwas GmbH', 'Bund/Land', 'otherPublic'],
    [null, 'Politik', 'localPolitics'],
    [null, null, 'unknown'],
    ['  ', '', 'unknown'],
  ])('%s (%s) → %s', (org, sector, type) => {
    expect(organisationType(org, sector)).toBe(type);
  });

  it('gives every demo organisation a type, and most of them a specific one', () => {
    const types = ORGANISATIONS.map((o) => organisationType(o.name, o.sector));
    expect(types).not.toContain('unknown');
    expect(types.filter((x) => x === 'other' || x.startsWith('other')).length).toBeLessThan(ORGANISATIONS.length / 10);
  });
});
