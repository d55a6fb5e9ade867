import { randomInt } from 'node:crypto';
import { getList } from '../../../db/queries/lists';
import { findRegistrationIdByCode, insertAssignment, insertRegistration } from '../../../db/queries/registrations';
import type { RegistrationSummary, ScanResult } from '../../contract/entities';
import type { OpenEvent } from '../app-context';
import { admitRegistration } from '../checkin/admit';
import type { Ports } from '../event/new-event';
import { searchTextOf } from '../text/fold';

/** Crockford base32 without I, L, O, U: nothing that reads as another character when typed from a badge. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRegistrationCode(taken: (code: string) => boolean): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    const code = `${s.slice(0, 4)}-${s.slice(4)}`;
    if (!taken(code)) return code;
  }
}

export interface WalkInInput {
  firstName: string;
  lastName: string;
  organisation?: string;
  town?: string;
  email?: string;
  /** Check the person in here at once. */
  listId?: string;
}

/** Registration on site ("Nachmeldung"): a new person with a new code, marked as registered on site. */
export function registerWalkIn(
  event: OpenEvent, ports: Ports, input: WalkInInput,
): { registration: RegistrationSummary; result: ScanResult | null } {
  return event.db.transaction(() => {
    const id = ports.ids.next();
    const code = newRegistrationCode((c) => findRegistrationIdByCode(event.db, c) !== null);
    const at = ports.clock.now().toISOString();
    const person = {
      firstName: input.firstName, lastName: input.lastName, organisation: input.organisation || null,
      town: input.town || null,
    };
    insertRegistration(event.db, {
      id, sourceId: null, code, ...person, email: input.email || null, federalState: null, sector: null, role: null,
      notes: null, status: 'registered', registeredOnSite: true, days: [], extra: {},
      searchText: searchTextOf([person.firstName, person.lastName, person.organisation, person.town, code]),
      createdAt: at,
    });
    // Someone joining a walk or workshop on the spot is added to it, marked as a local change.
    if (input.listId && getList(event.db, input.listId)?.admission === 'assigned') {
      insertAssignment(event.db, { registrationId: id, listId: input.listId, origin: 'local', createdAt: at });
    }
    const result = input.listId
      ? admitRegistration(event, ports, { listId: input.listId, registrationId: id, method: 'manual', override: false })
      : null;
    return { registration: { id, code, ...person, status: 'registered' as const, registeredOnSite: true }, result };
  }).immediate();
}
