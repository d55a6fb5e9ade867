import type { PeopleShown, RegistrationDetail, RegistrationSummary } from '../../electron/contract/entities';
import type { Db } from '../open';
import { compactCode, compactCodeSql } from './compact-code';
import { byGermanName } from './name-order';

/** What every part of the app knows about a person: the fields of a registration that describe them. */
export interface PersonFields {
  firstName: string;
  lastName: string;
  email: string | null;
  organisation: string | null;
  town: string | null;
  federalState: string | null;
  sector: string | null;
  role: string | null;
  notes: string | null;
  status: 'registered' | 'cancelled';
}

export interface NewRegistration extends PersonFields {
  id: string;
  sourceId: string | null;
  code: string;
  registeredOnSite: boolean;
  days: string[];
  extra: Record<string, string>;
  searchText: string;
  createdAt: string;
}

export function insertRegistration(db: Db, r: NewRegistration): void {
  db.prepare(
    `INSERT INTO registrations (id, source_id, code, first_name, last_name, email, organisation, town, federal_state,
       sector, role, notes, status, registered_on_site, days, extra, search_text, created_at, updated_at)
     VALUES (@id, @sourceId, @code, @firstName, @lastName, @email, @organisation, @town, @federalState,
       @sector, @role, @notes, @status, @registeredOnSite, @days, @extra, @searchText, @createdAt, @createdAt)`,
  ).run({
    ...r,
    registeredOnSite: r.registeredOnSite ? 1 : 0,
    days: JSON.stringify(r.days),
    extra: JSON.stringify(r.extra),
  });
}

const summaryColumns = `id, code, first_name AS firstName, last_name AS lastName, organisation, town, status,
  registered_on_site AS registeredOnSite`;
type SummaryRow = Omit<RegistrationSummary, 'registeredOnSite'> & { registeredOnSite: number };
const toSummary = (r: SummaryRow): RegistrationSummary => ({ ...r, registeredOnSite: r.registeredOnSite === 1 });

/** The hot lookup of every scan: served by the UNIQUE index on code (asserted in tests/db). */
export function findRegistrationIdByCode(db: Db, code: string): string | null {
  const row = db.prepare('SELECT id FROM registrations WHERE code = ?').get(code) as { id: string } | undefined;
  return row?.id ?? null;
}

/** A code someone had before (see migration 013), when nobody has it now: whose, and when it was replaced. */
export function findFormerCode(db: Db, code: string): { id: string; replacedAt: string } | null {
  return (db.prepare('SELECT registration_id AS id, replaced_at AS replacedAt FROM former_codes WHERE code = ?').get(code) as
    { id: string; replacedAt: string } | undefined) ?? null;
}

const COMPACT_CODE = compactCodeSql('code');

/**
 * Who has a code with the same compact form (see compact-code.ts), at most two: a caller that needs exactly one
 * person can tell one from several without reading them all.
 */
export function findRegistrationIdsByCompactCode(db: Db, code: string): string[] {
  return db.prepare(`SELECT id FROM registrations WHERE ${COMPACT_CODE} = ? LIMIT 2`).pluck().all(compactCode(code)) as string[];
}

/** As findFormerCode, by compact form: per person who had such a code (at most two), when it was last replaced. */
export function findFormerCodesByCompactCode(db: Db, code: string): { id: string; replacedAt: string }[] {
  return db.prepare(
    `SELECT registration_id AS id, max(replaced_at) AS replacedAt FROM former_codes WHERE ${COMPACT_CODE} = ?
     GROUP BY registration_id LIMIT 2`,
  ).all(compactCode(code)) as { id: string; replacedAt: string }[];
}

/** The codes a person had before, newest first. */
export function formerCodesOf(db: Db, registrationId: string): { code: string; replacedAt: string }[] {
  return db.prepare('SELECT code, replaced_at AS replacedAt FROM former_codes WHERE registration_id = ? ORDER BY replaced_at DESC, code')
    .all(registrationId) as { code: string; replacedAt: string }[];
}

type DetailRow = SummaryRow & {
  email: string | null; federalState: string | null; sector: string | null; role: string | null;
  notes: string | null; days: string; extra: string;
};

export function getRegistration(db: Db, id: string): Omit<RegistrationDetail, 'assignments' | 'checkIns' | 'source'> | null {
  const row = db
    .prepare(
      `SELECT ${summaryColumns}, email, federal_state AS federalState, sector, role, notes, days, extra
       FROM registrations WHERE id = ?`,
    )
    .get(id) as DetailRow | undefined;
  if (!row) return null;
  return {
    ...toSummary(row),
    email: row.email, federalState: row.federalState, sector: row.sector, role: row.role, notes: row.notes,
    days: JSON.parse(row.days) as string[],
    extra: JSON.parse(row.extra) as Record<string, string>,
  };
}

const LOCAL = 'EXISTS (SELECT 1 FROM registration_local_fields l WHERE l.registration_id = registrations.id AND l.reverted = 0)';
const SHOWN: Record<PeopleShown, string> = {
  all: '1', registered: "status = 'registered'", cancelled: "status = 'cancelled'", onSite: 'registered_on_site = 1', local: LOCAL,
};

/**
 * The people list: a folded substring filter over the same search_text the front-desk search uses (FTS5 there),
 * narrowed to a status, the walk-ins, the people with local corrections, or one registration list. `compact`
 * (the typed text as a code without separators, see compactQuery) also finds the people whose code begins so:
 * "m6fyppzk" is in no search text of M6FY-PPZK.
 */
export function listRegistrations(
  db: Db,
  filter: { folded: string[]; compact?: string | null; email?: string; show?: PeopleShown; syncSourceId?: string; limit: number; offset: number },
): { total: number; items: (RegistrationSummary & { local: boolean })[] } {
  let terms = filter.folded.map(() => "search_text LIKE '%' || ? || '%' ESCAPE '\\'");
  const params: string[] = filter.folded.map((t) => t.replace(/[\\%_]/g, (c) => `\\${c}`));
  if (filter.compact && terms.length > 0) {
    const byCode = `rowid IN (SELECT rowid FROM registrations WHERE ${COMPACT_CODE} >= ? AND ${COMPACT_CODE} < ? || char(1114111))`;
    terms = [`((${terms.join(' AND ')}) OR ${byCode})`];
    params.push(filter.compact, filter.compact);
  }
  if (filter.email !== undefined) {
    // From its start, case-insensitive, through registrations_by_email (as the front desk's search).
    terms.push('email IS NOT NULL AND lower(email) >= lower(?) AND lower(email) < lower(?) || char(1114111)');
    params.push(filter.email, filter.email);
  }
  if (filter.syncSourceId !== undefined) {
    terms.push('sync_source_id = ?');
    params.push(filter.syncSourceId);
  }
  const where = [SHOWN[filter.show ?? 'all'], ...terms].join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n FROM registrations WHERE ${where}`).get(...params) as { n: number }).n;
  const items = (
    db
      .prepare(
        `SELECT ${summaryColumns}, ${LOCAL} AS local FROM registrations WHERE ${where}
         ORDER BY ${byGermanName('')} LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.limit, filter.offset) as (SummaryRow & { local: number })[]
  ).map((r) => ({ ...toSummary(r), local: r.local === 1 }));
  return { total, items };
}

export function insertAssignment(
  db: Db, a: { registrationId: string; listId: string; origin: 'registration' | 'local'; createdAt: string },
): void {
  db.prepare(
    'INSERT INTO assignments (registration_id, list_id, origin, created_at) VALUES (@registrationId, @listId, @origin, @createdAt)',
  ).run(a);
}

export function isAssigned(db: Db, registrationId: string, listId: string): boolean {
  return db.prepare('SELECT 1 FROM assignments WHERE registration_id = ? AND list_id = ?').get(registrationId, listId) !== undefined;
}

export function assignmentsOf(db: Db, registrationId: string): RegistrationDetail['assignments'] {
  const rows = db
    .prepare(
      `SELECT l.id AS listId, l.name AS listName, l.kind, d.date AS day, l.starts_at AS startsAt, a.origin = 'local' AS local
       FROM assignments a JOIN check_in_lists l ON l.id = a.list_id LEFT JOIN days d ON d.id = l.day_id
       WHERE a.registration_id = ? ORDER BY d.date IS NULL, d.date, l.starts_at, l.position, l.name`,
    )
    .all(registrationId) as (Omit<RegistrationDetail['assignments'][number], 'local'> & { local: number })[];
  return rows.map((r) => ({ ...r, local: r.local === 1 }));
}

/**
 * The registration list a person came from, as the organiser named it, when that list was last applied (the
 * person is as that version of the list had them, apart from local corrections) or removed. Null for people entered in the
 * app, and at a station, which gets people from the hub without its sources.
 */
export function sourceOf(db: Db, registrationId: string): RegistrationDetail['source'] {
  const row = db
    .prepare(
      `SELECT s.label, s.kind, run.finished_at AS syncedAt, s.removed_at IS NOT NULL AS removed,
              CAST(r.sync_hash AS TEXT) = '0' AS gone
       FROM registrations r JOIN sync_sources s ON s.id = r.sync_source_id LEFT JOIN sync_runs run ON run.id = s.last_run_id
       WHERE r.id = ?`,
    )
    .get(registrationId) as (Omit<NonNullable<RegistrationDetail['source']>, 'removed' | 'gone'> & { removed: number; gone: number | null }) | undefined;
  return row ? { ...row, removed: row.removed === 1, gone: row.gone === 1 } : null;
}
