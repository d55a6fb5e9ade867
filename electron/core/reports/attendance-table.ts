import type { ReportList } from '../../../db/queries/reports';
import { attendedItems, expectedAt, type AttendanceData, type PersonAttendance } from './attendance';
import type { Column, ReportTable, Translate } from './columns';
import { organisationType } from './organisation-type';
import { germanDate, localTime, spreadsheetDate } from './time';

type Row = PersonAttendance;

/** `severalLists`: the people came from more than one registration list, so the list each came from is picked too. */
function personColumns(t: Translate, severalLists: boolean): Column<Row>[] {
  const col = (id: string, personal: boolean, defaultOn: boolean, value: (p: Row) => string | null): Column<Row> => ({
    id, header: t(`reports.column.${id}`), kind: 'text', group: 'person', personal, defaultOn, value,
  });
  return [
    col('lastName', true, true, (p) => p.person.lastName),
    col('firstName', true, true, (p) => p.person.firstName),
    col('organisation', true, true, (p) => p.person.organisation),
    col('organisationType', false, true, (p) => t(`reports.orgType.${organisationType(p.person.organisation, p.person.sector)}`)),
    col('sector', false, true, (p) => p.person.sector),
    col('town', true, true, (p) => p.person.town),
    col('federalState', false, true, (p) => p.person.federalState),
    col('role', true, false, (p) => p.person.role),
    col('email', true, false, (p) => p.person.email),
    col('code', true, false, (p) => p.person.code),
    col('notes', true, false, (p) => p.person.notes),
    col('status', false, true, (p) => t(`reports.status.${p.person.status}`)),
    col('sourceList', false, severalLists, (p) => p.person.sourceList),
  ];
}

function summaryColumns(data: AttendanceData, t: Translate): Column<Row>[] {
  const tz = data.timezone;
  const firstOf = (p: Row) => [...p.firstEntry.values()].sort()[0] ?? null;
  return [
    { id: 'onSite', header: t('reports.column.onSite'), kind: 'bool', group: 'attendance', personal: false, defaultOn: true, value: (p) => p.person.registeredOnSite },
    {
      id: 'registeredDays', header: t('reports.column.registeredDays'), kind: 'text', group: 'attendance', personal: false, defaultOn: true,
      value: (p) => (p.person.days.length === 0 ? t('reports.value.allDays') : p.person.days.map((d) => germanDate(d, tz)).join(', ')),
    },
    { id: 'daysPresent', header: t('reports.column.daysPresent'), kind: 'number', group: 'attendance', personal: false, defaultOn: true, value: (p) => p.daysPresent.length },
    {
      id: 'firstCheckIn', header: t('reports.column.firstCheckIn'), kind: 'datetime', group: 'attendance', personal: false, defaultOn: true,
      value: (p) => {
        const first = firstOf(p);
        return first ? spreadsheetDate(first, tz) : null;
      },
    },
    {
      id: 'attended', header: t('reports.column.attended'), kind: 'text', group: 'attendance', personal: false, defaultOn: true,
      value: (p) => attendedItems(p, data.lists).map((a) => `${a.list.name} (${t('reports.value.at', { time: localTime(a.first, tz) })})`).join('; ') || null,
    },
    { id: 'absent', header: t('reports.column.absent'), kind: 'bool', group: 'attendance', personal: false, defaultOn: true, value: (p) => p.absent },
  ];
}

/** One column per event day (first entry at that day's entrance) and per session/walk (first entry there). */
function listColumns(data: AttendanceData, t: Translate): Column<Row>[] {
  const tz = data.timezone;
  const notThere = t('reports.value.registeredAbsent');
  const cell = (list: ReportList) => (p: Row) => {
    const first = p.firstEntry.get(list.id);
    if (first) return spreadsheetDate(first, tz);
    return expectedAt(p, list) ? notThere : null;
  };
  return data.lists.map((list) => ({
    id: `list:${list.id}`,
    header: list.kind === 'entrance' && list.day ? t('reports.column.entranceOn', { date: germanDate(list.day, tz) }) : list.name,
    kind: 'datetime' as const,
    group: 'programme' as const,
    personal: false,
    defaultOn: true,
    value: cell(list),
  }));
}

/** `from`: each field's registration lists, where the people came from several (the dialog says which list a column is of). */
function extraColumns(extraFields: readonly string[], from?: ReadonlyMap<string, string>): Column<Row>[] {
  return extraFields.map((name) => ({
    id: `extra:${name}`, header: name, kind: 'text' as const, group: 'extra' as const, personal: true, defaultOn: false,
    ...(from?.get(name) ? { from: from.get(name) } : {}),
    value: (p: Row) => p.person.extra[name] ?? null,
  }));
}

/**
 * Attendance per person: who they are (as far as picked), days present, what they attended, absent or not.
 * `lists.several`: whether people came from more than one registration list (see registrationListCount), for the
 * columns offered without the people read (else told from the people); `lists.extraFrom`: see extraFieldLists.
 */
export function attendanceTable(
  data: AttendanceData, extraFields: readonly string[], t: Translate, lists: { several?: boolean; extraFrom?: ReadonlyMap<string, string> } = {},
): ReportTable<Row> {
  const several = lists.several ?? new Set(data.people.map((p) => p.person.sourceList).filter((l) => l !== null)).size > 1;
  return {
    sheet: t('reports.sheet.attendance'),
    columns: [...personColumns(t, several), ...extraColumns(extraFields, lists.extraFrom), ...summaryColumns(data, t), ...listColumns(data, t)],
    rows: data.people,
  };
}
