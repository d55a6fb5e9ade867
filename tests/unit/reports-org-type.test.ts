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
    // A district by its own name, without „Landkreis“ (QA14 C5): the form tool's „Burgenlandkreis“ had no sector.
    ['Burgenlandkreis', null, 'district'],
    ['Saalekreis', '', 'district'],
    ['Salzlandkreis – Jugendamt', null, 'district'],
    ['Ilm-Kreis', null, 'district'],
    ['Kyffhäuserkreis', null, 'district'],
    ['Wartburgkreis', 'Verwaltung', 'district'],
    ['Vogtlandkreis', null, 'district'],
    ['Erzgebirgskreis, Amt für Soziales', null, 'district'],
    ['Rhein-Sieg-Kreis', null, 'district'],
    ['Märkischer Kreis', null, 'district'],
    ['Kreis Steinfurt', null, 'district'],
    // An office of a district named by its department first.
    ['Jugendamt Saalekreis', null, 'district'],
    ['Gesundheitsamt des Landkreises Harz', null, 'district'],
    ['Sozialamt im Burgenlandkreis', null, 'district'],
    ['Ordnungsamt Landkreis Görlitz', 'Verwaltung', 'district'],
    ['Jugendamt Stadt Halle (Saale)', 'Verwaltung', 'otherAdministration'],
    ['Jugendamt Arbeitskreis', null, 'other'],
    ['Verein für Jugendhilfe im Landkreis Harz e.V.', null, 'association'],
    // Circles of people are not districts; a district's name further on is not the organisation's.
    ['Freundeskreis Schloss Neu-Augustusburg', null, 'other'],
    ['Arbeitskreis Migration', 'Zivilgesellschaft', 'other'],
    ['Förderkreis Altstadt e.V.', null, 'association'],
    ['Gesprächskreis Demokratie', null, 'other'],
    ['Evangelischer Kirchenkreis Naumburg-Zeitz', null, 'other'],
    ['Kirchenkreis Merseburg', null, 'other'],
    ['Integrationsnetzwerk Burgenlandkreis e.V.', null, 'association'],
    ['Kreistag Burgenlandkreis', null, 'localPolitics'],
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
