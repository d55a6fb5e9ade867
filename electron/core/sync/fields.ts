/**
 * What a column of a registration list can mean. `extra` keeps the column as an extra field of the person
 * (shown in the detail view, available in exports); `ignore` drops it.
 */
export const SYNC_FIELDS = [
  'sourceId', 'code', 'fullName', 'firstName', 'lastName', 'email', 'organisation', 'town', 'federalState', 'sector',
  'role', 'notes', 'status', 'days', 'sessions', 'walks',
] as const;
export type SyncField = (typeof SYNC_FIELDS)[number];
export type MappingTarget = SyncField | 'extra' | 'ignore';
/** Column name (as made unique by the reader) → what it means. */
export type Mapping = Record<string, MappingTarget>;

/** Fields several columns may fill together (pretix has one column per question). */
export const MULTI_VALUED: ReadonlySet<SyncField> = new Set(['days', 'sessions', 'walks']);

/** Person fields a sync writes and a local correction can protect; they are also the keys of field changes. */
export const PERSON_FIELDS = [
  'code', 'firstName', 'lastName', 'email', 'organisation', 'town', 'federalState', 'sector', 'role', 'notes', 'status',
  'days',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/** Everything a field change can name: person fields, extra fields ("extra:Spalte"), and the two assignment kinds. */
export type ChangeField = PersonField | 'sessions' | 'walks' | `extra:${string}`;

export const COLUMN_OF: Record<Exclude<PersonField, 'days'>, string> = {
  code: 'code', firstName: 'first_name', lastName: 'last_name', email: 'email', organisation: 'organisation',
  town: 'town', federalState: 'federal_state', sector: 'sector', role: 'role', notes: 'notes', status: 'status',
};
