/**
 * At a station: the cancellations that wait for an organiser's approval at its hub (a periodic check of a URL list
 * found them), as the hub sent them with its last answer — JSON of registration id, list name and when the list
 * was fetched. The station's desk warns about them as the hub's does, offline too, until the hub says otherwise.
 * Additive only.
 */
export const migration014 = `
ALTER TABLE hub_link ADD COLUMN waiting_cancellations TEXT;
`;
