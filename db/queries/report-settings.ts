import type { Db } from '../open';

export interface ReportOrganisation {
  name: string | null;
  logo: Buffer | null;
  logoType: 'image/png' | 'image/jpeg' | null;
}

/** Who issues the certificates; falls back to the event's organiser when no name was set for reports. */
export function getReportOrganisation(db: Db): ReportOrganisation {
  const row = db
    .prepare('SELECT coalesce(report_organisation, organiser) AS name, report_logo AS logo, report_logo_type AS logoType FROM event LIMIT 1')
    .get() as ReportOrganisation | undefined;
  return row ?? { name: null, logo: null, logoType: null };
}

export function setReportOrganisationName(db: Db, name: string | null): void {
  db.prepare('UPDATE event SET report_organisation = ?').run(name);
}

export function setReportLogo(db: Db, logo: Buffer | null, type: 'image/png' | 'image/jpeg' | null): void {
  db.prepare('UPDATE event SET report_logo = ?, report_logo_type = ?').run(logo, type);
}

export function recordExport(
  db: Db, e: { id: string; report: string; format: string; rows: number; createdAt: string; stationId: string | null },
): void {
  db.prepare('INSERT INTO exports (id, report, format, rows, created_at, station_id) VALUES (@id, @report, @format, @rows, @createdAt, @stationId)').run(e);
}

export function exportHistory(db: Db, limit = 20): { report: string; format: string; rows: number; createdAt: string }[] {
  return db
    .prepare('SELECT report, format, rows, created_at AS createdAt FROM exports ORDER BY created_at DESC, id DESC LIMIT ?')
    .all(limit) as { report: string; format: string; rows: number; createdAt: string }[];
}

export function exportCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM exports').get() as { n: number }).n;
}

export function personalDataPurgedAt(db: Db): string | null {
  return (db.prepare('SELECT personal_data_purged_at AS at FROM event LIMIT 1').get() as { at: string | null } | undefined)?.at ?? null;
}

export function latestAnonymousStatistics(db: Db): { createdAt: string; data: string } | null {
  return (
    (db.prepare('SELECT created_at AS createdAt, data FROM anonymous_statistics ORDER BY created_at DESC, id DESC LIMIT 1').get() as
      | { createdAt: string; data: string }
      | undefined) ?? null
  );
}

export function countRegistrations(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM registrations').get() as { n: number }).n;
}
