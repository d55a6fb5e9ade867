import { describe, expect, it } from 'vitest';
import { getList } from '../../db/queries/lists';
import { insertAssignment } from '../../db/queries/registrations';
import { admitRegistration } from '../../electron/core/checkin/admit';
import { rosterPdf } from '../../electron/core/programme/roster-pdf';
import { pdfPageCount, pdfText, requirePoppler } from '../helpers/pdf-tools';
import { smallEvent } from '../helpers/event-fixture';

describe('printable roster', () => {
  it('lists the walk with tick boxes, present people ticked, umlauts intact, blank lines for joiners', async () => {
    requirePoppler();
    const { db, event, ports } = smallEvent();
    insertAssignment(db, { registrationId: 'reg-2', listId: 'walk-1', origin: 'local', createdAt: '2023-10-18T06:00:00.000Z' });
    admitRegistration(event, ports, { listId: 'walk-1', registrationId: 'reg-1', method: 'manual', override: false });
    const { bytes, rows } = await rosterPdf(db, getList(db, 'walk-1')!, new Date('2023-10-18T12:05:00Z'));
    expect(rows).toBe(2);
    expect(pdfPageCount(bytes)).toBe(1);
    const text = pdfText(bytes);
    expect(text).toContain('Stadtrundgang Altstadt');
    expect(text).toContain('Müller, Jürgen');
    expect(text).toContain('Stadt Weißenfels');
    expect(text).toContain('Schäfer, Heike');
    expect(text.replace(/\s+/g, ' ')).toContain('vor Ort dazugekommen');
    expect(text).toContain('2 Personen auf der Liste · 20 Plätze · 1 beim Druck anwesend');
    expect(text).toContain('gedruckt am 18.10.2023 um 14:05 Uhr');
    expect((text.match(/☑/g) ?? []).length).toBe(1);
    expect((text.match(/☐/g) ?? []).length).toBe(1 + 8);
  });
});
