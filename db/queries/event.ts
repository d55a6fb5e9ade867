import type { Db } from '../open';

export interface EventRow {
  id: string;
  name: string;
  place: string | null;
  startsOn: string | null;
  endsOn: string | null;
  timezone: string;
  organiser: string | null;
  description: string | null;
  isDemo: boolean;
}

export function insertEvent(db: Db, e: EventRow & { createdAt: string }): void {
  db.prepare(
    `INSERT INTO event (id, name, place, starts_on, ends_on, timezone, organiser, description, is_demo, created_at)
     VALUES (@id, @name, @place, @startsOn, @endsOn, @timezone, @organiser, @description, @isDemo, @createdAt)`,
  ).run({ ...e, isDemo: e.isDemo ? 1 : 0 });
}

export function getEvent(db: Db): EventRow | null {
  const row = db
    .prepare(
      `SELECT id, name, place, starts_on AS startsOn, ends_on AS endsOn, timezone, organiser, description,
              is_demo AS isDemo
       FROM event LIMIT 1`,
    )
    .get() as (Omit<EventRow, 'isDemo'> & { isDemo: number }) | undefined;
  return row ? { ...row, isDemo: row.isDemo === 1 } : null;
}

export interface EventSettingsRow {
  codePattern: string | null;
  frontDeskPin: string | null;
}

export function getEventSettings(db: Db): EventSettingsRow {
  return db.prepare('SELECT code_pattern AS codePattern, front_desk_pin AS frontDeskPin FROM event LIMIT 1').get() as EventSettingsRow;
}

export function setCodePattern(db: Db, pattern: string | null): void {
  db.prepare('UPDATE event SET code_pattern = ?').run(pattern);
}

export function setFrontDeskPin(db: Db, pinHash: string | null): void {
  db.prepare('UPDATE event SET front_desk_pin = ?').run(pinHash);
}
