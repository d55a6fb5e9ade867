import type { Db } from '../open';

export interface StationRow {
  id: string;
  name: string;
}

export function getLocalStation(db: Db): StationRow | null {
  return (db.prepare('SELECT id, name FROM stations WHERE is_local = 1').get() as StationRow | undefined) ?? null;
}

export function insertStation(db: Db, s: StationRow & { isLocal: boolean; createdAt: string }): void {
  db.prepare('INSERT INTO stations (id, name, is_local, created_at) VALUES (?, ?, ?, ?)').run(
    s.id, s.name, s.isLocal ? 1 : 0, s.createdAt,
  );
}

export function renameStation(db: Db, id: string, name: string): void {
  const info = db.prepare('UPDATE stations SET name = ? WHERE id = ?').run(name, id);
  if (info.changes !== 1) throw new Error(`station ${id} not found`);
}

export function findStationByName(db: Db, name: string): StationRow | null {
  return (db.prepare('SELECT id, name FROM stations WHERE name = ? ORDER BY is_local DESC LIMIT 1').get(name) as
    | StationRow
    | undefined) ?? null;
}
