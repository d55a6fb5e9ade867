import { describe, expect, it } from 'vitest';
import { searchRegistrations } from '../../db/queries/search';
import { admitRegistration } from '../../electron/core/checkin/admit';
import { scan } from '../../electron/core/checkin/scan';
import { UNDO_WINDOW_MS, undoCheckIn } from '../../electron/core/checkin/undo';
import { AppError } from '../../electron/core/errors';
import { hashPin, verifyPin } from '../../electron/core/front-desk/pin';
import { parsePayload } from '../../electron/core/payload/parse-payload';
import { registerWalkIn } from '../../electron/core/registrations/walk-in';
import { queryTerms } from '../../electron/core/text/fold';
import { smallEvent } from '../helpers/event-fixture';

const search = (db: import('../../db/open').Db, q: string, listId: string | null = null) =>
  searchRegistrations(db, queryTerms(q), q, listId, 10);

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected AppError');
}

describe('front-desk search', () => {
  it('finds Müller by muller, mueller and Müller; Straße by strasse; word prefixes', () => {
    const { db } = smallEvent([
      { id: 'r1', code: 'AAAA-1111', firstName: 'Jürgen', lastName: 'Müller', organisation: 'Verein Straße der Einheit' },
      { id: 'r2', code: 'BBBB-2222', firstName: 'Heike', lastName: 'Schäfer', organisation: 'Stadt Zeitz' },
      { id: 'reg-1', code: 'CCCC-3333', firstName: 'Hans', lastName: 'Heinemann' },
    ]);
    for (const q of ['muller', 'mueller', 'Müller', 'MÜLL', 'jür', 'strasse', 'Straße']) expect(search(db, q).map((h) => h.id), q).toEqual(['r1']);
    expect(search(db, 'hei sch').map((h) => h.id)).toEqual(['r2']);
    expect(search(db, 'hei').map((h) => h.id).sort()).toEqual(['r2', 'reg-1']);
    expect(search(db, 'bbbb-2222').map((h) => h.id)).toEqual(['r2']);
    expect(search(db, 'zeitz schafer').map((h) => h.id)).toEqual(['r2']);
    expect(search(db, '"*) OR (')).toEqual([]);
    expect(search(db, '   ')).toEqual([]);
  });

  it('puts people named so before those whose organisation or town has the word: "Weiß" in Weißenfels', () => {
    const { db } = smallEvent([
      { id: 'r1', code: 'AAAA-1111', firstName: 'Anna', lastName: 'Schmidt', organisation: 'Stadt Weißenfels' },
      { id: 'r2', code: 'BBBB-2222', firstName: 'Bernd', lastName: 'Becker', organisation: 'Weißenfelser Tafel e. V.' },
      { id: 'reg-1', code: 'CCCC-3333', firstName: 'Jürgen', lastName: 'Weiß', organisation: 'Landkreis Burgenlandkreis' },
      { id: 'r4', code: 'DDDD-4444', firstName: 'Weißmann', lastName: 'Klaus', organisation: 'Stadt Zeitz' },
    ]);
    for (const q of ['Weiß', 'weiss', 'weis']) expect(search(db, q).map((h) => h.id).slice(0, 2).sort(), q).toEqual(['r4', 'reg-1']);
    expect(search(db, 'weiß').map((h) => h.id).slice(2).sort()).toEqual(['r1', 'r2']);
    expect(search(db, 'jür weiß').map((h) => h.id)).toEqual(['reg-1']);
  });

  it('finds people by the e-mail address they registered with, from its start and in any case, through its index', () => {
    const { db } = smallEvent();
    db.prepare("UPDATE registrations SET email = 'J.Mueller@weissenfels.de' WHERE id = 'reg-1'").run();
    db.prepare("UPDATE registrations SET email = 'j.mueller@zeitz.de' WHERE id = 'reg-2'").run();
    expect(search(db, 'j.mueller@weissenfels.de').map((h) => h.id)).toEqual(['reg-1']);
    expect(search(db, ' J.MUELLER@').map((h) => h.id)).toEqual(['reg-1', 'reg-2']);
    // The whole address first, then the others starting with it.
    db.prepare("UPDATE registrations SET email = 'j.mueller@zeitz.de.example' WHERE id = 'reg-1'").run();
    expect(search(db, 'j.mueller@zeitz.de').map((h) => h.id)).toEqual(['reg-2', 'reg-1']);
    // Not a part in the middle, not a name, and LIKE wildcards are plain characters.
    expect(search(db, 'mueller@zeitz.de')).toEqual([]);
    expect(search(db, 'j_mueller@%')).toEqual([]);
    expect(search(db, 'müller@')).toEqual([]);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM registrations WHERE email IS NOT NULL AND lower(email) >= 'a' AND lower(email) < 'b'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX registrations_by_email/);
  });

  it('uses the full-text index, and tells who is checked in on the list', () => {
    const { db, event, ports, entrance1 } = smallEvent();
    scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' });
    const hits = search(db, 'm', entrance1);
    expect(hits.find((h) => h.id === 'reg-1')?.checkedIn).toBe(true);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT rowid FROM registrations_fts WHERE registrations_fts MATCH '\"mu\"*'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/VIRTUAL TABLE INDEX/);
  });

  it('keeps the index in step when a registration changes', () => {
    const { db } = smallEvent();
    db.prepare("UPDATE registrations SET search_text = ' lehmann ' WHERE id = 'reg-1'").run();
    expect(search(db, 'muller')).toEqual([]);
    expect(search(db, 'lehm').map((h) => h.id)).toEqual(['reg-1']);
  });
});

describe('override, let in again, undo', () => {
  it('checks in by search with the same rules, and overrides a refusal only when asked, recording it', () => {
    const { db, event, ports, entrance1 } = smallEvent();
    expect(admitRegistration(event, ports, { listId: entrance1, registrationId: 'reg-3', method: 'search', override: false })).toMatchObject({ status: 'refused', reason: 'cancelled' });
    const forced = admitRegistration(event, ports, { listId: entrance1, registrationId: 'reg-3', method: 'search', override: true, note: 'zahlt vor Ort' });
    expect(forced).toMatchObject({ status: 'admitted', checkIn: { override: true } });
    expect(db.prepare('SELECT override_reason AS r FROM check_ins').get()).toEqual({ r: 'cancelled: zahlt vor Ort' });
    // Let in, she is inside: scanned again she is "already checked in", not refused as cancelled once more.
    expect(scan(event, ports, { listId: entrance1, code: 'CCCC-3333', method: 'camera' })).toMatchObject({ status: 'already_checked_in' });
    // Her entry undone, she is cancelled as before.
    undoCheckIn(event, ports, (forced as { checkIn: { id: string } }).checkIn.id);
    expect(scan(event, ports, { listId: entrance1, code: 'CCCC-3333', method: 'camera' })).toMatchObject({ status: 'refused', reason: 'cancelled' });

    expect(admitRegistration(event, ports, { listId: entrance1, registrationId: 'reg-1', method: 'search', override: false }).status).toBe('admitted');
    expect(admitRegistration(event, ports, { listId: entrance1, registrationId: 'reg-1', method: 'search', override: false }).status).toBe('already_checked_in');
    const again = admitRegistration(event, ports, { listId: entrance1, registrationId: 'reg-1', method: 'camera', override: true });
    expect(again).toMatchObject({ status: 'admitted', checkIn: { override: true } });
    expect(db.prepare("SELECT count(*) AS n FROM check_ins WHERE registration_id = 'reg-1'").get()).toEqual({ n: 2 });
  });

  it('undoes a check-in of this station within 15 minutes, as a record of its own', () => {
    const { db, event, ports, clock, entrance1 } = smallEvent();
    const r = scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' });
    if (r.status !== 'admitted') throw new Error('expected admitted');
    const { undo } = undoCheckIn(event, ports, r.checkIn.id);
    expect(undo).toMatchObject({ type: 'undo', listId: entrance1, registrationId: 'reg-1' });
    expect(appError(() => undoCheckIn(event, ports, r.checkIn.id)).details).toEqual({ reason: 'already_undone' });
    expect(appError(() => undoCheckIn(event, ports, undo.id)).details).toEqual({ reason: 'is_undo' });
    expect(scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' }).status).toBe('admitted');

    const late = scan(event, ports, { listId: entrance1, code: 'BBBB-2222', method: 'camera' });
    if (late.status !== 'admitted') throw new Error('expected admitted');
    clock.advance(UNDO_WINDOW_MS + 1000);
    expect(appError(() => undoCheckIn(event, ports, late.checkIn.id)).details).toEqual({ reason: 'too_old' });
    const other = { ...event, station: { id: 'other', name: 'Einlass 2' } };
    db.prepare("INSERT INTO stations (id, name, is_local, created_at) VALUES ('other', 'Einlass 2', 0, '2023-10-18T07:00:00Z')").run();
    const fresh = scan(other, ports, { listId: entrance1, code: 'BBBB-2222', method: 'camera' });
    expect(fresh.status).toBe('already_checked_in');
    const byOther = admitRegistration(other, ports, { listId: entrance1, registrationId: 'reg-2', method: 'camera', override: true });
    if (byOther.status !== 'admitted') throw new Error('expected admitted');
    expect(appError(() => undoCheckIn(event, ports, byOther.checkIn.id)).details).toEqual({ reason: 'other_station' });
    expect(db.prepare("SELECT count(*) AS n FROM check_ins WHERE type = 'undo'").get()).toEqual({ n: 1 });
  });
});

describe('walk-in registration', () => {
  it('creates a person marked as registered on site with a new code, checked in at once and findable', () => {
    const { db, event, ports, entrance1 } = smallEvent();
    const { registration, result } = registerWalkIn(event, ports, { firstName: 'Gülşen', lastName: 'Öztürk', organisation: 'Stadt Halle (Saale)', listId: entrance1 });
    expect(registration).toMatchObject({ registeredOnSite: true, status: 'registered' });
    expect(registration.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(result).toMatchObject({ status: 'admitted', registration: { lastName: 'Öztürk' } });
    expect(search(db, 'ozturk').map((h) => h.id)).toEqual([registration.id]);
    expect(scan(event, ports, { listId: entrance1, code: registration.code, method: 'camera' }).status).toBe('already_checked_in');
    const onWalk = registerWalkIn(event, ports, { firstName: 'Max', lastName: 'Spontan', listId: 'walk-1' });
    expect(onWalk.result?.status).toBe('admitted');
  });
});

describe('code pattern and PIN', () => {
  it('reads a code out of surrounding text with the event pattern', () => {
    const pattern = 'Ticket-Nr\\.?\\s*([A-Z0-9]{4}-[A-Z0-9]{4})';
    expect(parsePayload('Ihre Ticket-Nr. AAAA-1111 – bitte mitbringen', { codePattern: pattern })).toEqual({ ok: true, code: 'AAAA-1111', from: 'pattern' });
    expect(parsePayload('Ihre Ticket-Nr. AAAA-1111 – bitte mitbringen').ok).toBe(false);
    expect(parsePayload('AAAA-1111', { codePattern: '([' }).ok).toBe(true);
  });

  it('stores the PIN hashed and checks it', () => {
    const stored = hashPin('4711');
    expect(stored).not.toContain('4711');
    expect(verifyPin('4711', stored)).toBe(true);
    expect(verifyPin('4712', stored)).toBe(false);
    expect(verifyPin('anything', null)).toBe(true);
  });
});
