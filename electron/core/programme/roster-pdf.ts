import { getEvent } from '../../../db/queries/event';
import type { Db } from '../../../db/open';
import { roster } from '../../../db/queries/programme';
import type { ListInfo } from '../../../db/queries/lists';
import { CM, createPdf, pdfBytes } from '../pdf/document';
import { footers, heading, paragraph, table } from '../pdf/layout';
import { germanCount } from '../reports/time';
import { wallClock } from '../text/local-time';

/** Empty lines at the end of a paper roster, for people who join on the spot. */
const BLANK_ROWS = 8;

function germanDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/**
 * A paper backup of a walk's or session's roster: who is expected, with a box to tick, already ticked for those
 * present when it was printed, and blank lines for people who join on the spot.
 */
export async function rosterPdf(db: Db, list: ListInfo, printedAt: Date): Promise<{ bytes: Buffer; rows: number }> {
  const event = getEvent(db);
  const timeZone = event?.timezone ?? 'Europe/Berlin';
  const people = roster(db, list.id, list.entryExit).filter((p) => p.status === 'registered' || p.present);
  const doc = createPdf({ title: `Teilnahmeliste – ${list.name}`, author: event?.organiser ?? null, createdAt: printedAt, margins: { top: 1.6 * CM, bottom: 1.8 * CM, left: 1.8 * CM, right: 1.8 * CM } });

  heading(doc, list.name, 17);
  const when = [list.day ? germanDate(list.day) : null, list.startsAt ? `${list.startsAt}${list.endsAt ? `–${list.endsAt}` : ''} Uhr` : null].filter(Boolean).join(', ');
  const lines = [
    event?.name ?? '',
    when,
    list.location ? (/^(treffpunkt|ort)\b/i.test(list.location) ? list.location : `${list.kind === 'walk' ? 'Treffpunkt' : 'Ort'}: ${list.location}`) : '',
    list.host ? `${list.kind === 'walk' ? 'Führung' : 'Leitung'}: ${list.host}` : '',
    `${germanCount(people.length)} Personen auf der Liste${list.capacity !== null ? ` · ${germanCount(list.capacity)} Plätze` : ''} · ${germanCount(people.filter((p) => p.present).length)} beim Druck anwesend`,
  ].filter(Boolean);
  for (const line of lines) paragraph(doc, line, { size: 10.5 });
  doc.moveDown(0.6);

  const rows = people.map((p) => [
    p.present ? '☑' : '☐',
    `${p.lastName}, ${p.firstName}`,
    p.organisation ?? '',
    p.origin === 'local' ? 'vor Ort dazugekommen' : '',
  ]);
  for (let i = 0; i < BLANK_ROWS; i++) rows.push(['☐', '', '', '']);
  table(
    doc,
    [
      { header: 'da', width: 0.6, align: 'center' },
      { header: 'Name', width: 4 },
      { header: 'Organisation', width: 4.4 },
      { header: 'Notiz', width: 2.6 },
    ],
    rows,
    { fontSize: 11, minRowHeight: 24, padding: 5 },
  );
  const printed = wallClock(printedAt, timeZone);
  footers(doc, `${list.name} · gedruckt am ${germanDate(printed.date)} um ${printed.time} Uhr`, (page, total) => `Seite ${page} von ${total}`);
  return { bytes: await pdfBytes(doc), rows: people.length };
}
