import type { CheckInList } from '../../../electron/contract/entities';

/** Today's entrance list if the event is running, else the first entrance list, else the first list. */
export function pickDefaultList(lists: CheckInList[], now: Date): CheckInList | null {
  const today = now.toISOString().slice(0, 10);
  const entrances = lists.filter((l) => l.kind === 'entrance');
  return entrances.find((l) => l.day === today) ?? entrances[0] ?? lists[0] ?? null;
}
