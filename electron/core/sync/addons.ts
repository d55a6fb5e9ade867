import type { TableRow } from '../tabular/table';
import { normaliseHeader } from './header-name';
import type { SyncProblem } from './problems';
import type { RowHasher } from './row-hash';
import type { ListRef } from './values';

/**
 * Add-on products of pretix's order data (sheet "Order positions" / "Bestellzeilen"): a session or walk sold as an
 * add-on to a ticket is a row of its own, with its own ticket secret, usually without the attendee's name (pretix
 * asks attendee data for add-ons only when the organiser says so), and the column "Add-on to position ID" naming
 * the position of the ticket it belongs to, within the same order. Such a row is never a person: it belongs to
 * the person of its parent position. Its product names a session or walk of the event (assigned to that person)
 * or something else (a lunch, a T-shirt: kept in the person's extra field "Zusatzprodukte").
 *
 * pretix writes the positions of an order one after the other, each add-on after the position it belongs to
 * (ordered by the order's time, then the position id): the rows of one order are held until the next order
 * begins, so a list of 100 000 rows still never sits in memory as a whole.
 */

/**
 * Column names, compared after normaliseHeader. pretix's English names are from its exporter
 * (src/pretix/base/exporters/orderlist.py); German ones from its locale (de): "Bestellnummer", "Position",
 * "Produkt", "Variante"; earlier versions and hand-made copies say "Positions-ID". The German name of "Add-on to
 * position ID" could not be read from pretix's locale here: "Zusatzprodukt zu Position" (as pretix calls add-ons
 * "Zusatzprodukte") and likely variants.
 */
const ADDON_TO = new Set([
  'add on to position id', 'add on to position', 'addon to position id', 'addon to position', 'add on to',
  'zusatzprodukt zu position', 'zusatzprodukt zu position id', 'zusatzprodukt zu positions id', 'zusatzprodukt zu positionsnummer',
  'zusatzprodukt zu', 'add on zu position', 'add on zu position id',
]);
const ORDER = new Set(['order code', 'order', 'order no', 'bestellnummer', 'bestellung', 'bestellcode', 'bestellnr']);
const POSITION = new Set(['position id', 'position', 'positions id', 'positionsnummer', 'position nr', 'position no', 'positionsnr']);
const PRODUCT = new Set(['product', 'produkt', 'product name', 'produktname', 'item']);
const VARIATION = new Set(['variation', 'variante', 'product variation', 'produktvariante']);

/** The name of the extra field that lists a person's add-ons that are no session or walk of the event. */
export const ADDON_FIELD = 'Zusatzprodukte';

export interface AddonColumns {
  order: number;
  position: number;
  addonTo: number;
  product: number;
  variation: number | null;
}

/** The columns that tell add-on rows and their parents, or null when the list has no add-ons to fold. */
export function addonColumns(headers: readonly string[]): AddonColumns | null {
  let addonTo = -1;
  for (let i = 0; i < headers.length && addonTo < 0; i++) if (ADDON_TO.has(normaliseHeader(headers[i]!))) addonTo = i;
  if (addonTo < 0) return null;
  const find = (names: ReadonlySet<string>) => headers.findIndex((h) => names.has(normaliseHeader(h)));
  const order = find(ORDER);
  const position = find(POSITION);
  const product = find(PRODUCT);
  if (order < 0 || position < 0 || product < 0) return null;
  const variation = find(VARIATION);
  return { order, position, addonTo, product, variation: variation < 0 ? null : variation };
}

/** One add-on of a person: its row, what it says, and the session or walk it names (null: an extra field). */
export interface Addon {
  line: number;
  text: string;
  list: ListRef | null;
}

/** A row of a person with the add-ons that belong to it (a new object; the table's own rows are not changed). */
export interface RowWithAddons extends TableRow {
  addons?: Addon[];
}

/** What the folding needs of the row reader: an add-on's status and what its product names. */
export interface AddonContext {
  cancelled(row: TableRow): boolean;
  addonList(product: string, variation: string): ListRef | null;
}

const cell = (row: TableRow, i: number | null) => (i === null ? '' : (row.cells[i] ?? '').trim());

/** The fingerprint of a row with its add-ons: an add-on booked or taken back changes its person's row. */
export function hashWithAddons(hasher: RowHasher, row: RowWithAddons): number {
  const { addons } = row;
  if (!addons) return hasher.hash(row.cells);
  return hasher.hash([...row.cells, '\u0000add-ons', ...addons.map((a) => a.text)]);
}

export class AddonFolder {
  /** Data rows read from the source, add-ons included. */
  seen = 0;
  private readonly counts = { rows: 0, lists: 0, extra: 0, cancelled: 0 };
  /** Add-on products that name no session or walk: first line and how many. */
  private readonly unknown = new Map<string, { line: number; count: number }>();
  /** Positions handed on in earlier orders ("order\tposition"): an add-on found away from its order is said so. */
  private readonly earlier = new Set<string>();
  private group: TableRow[] = [];
  private groupOrder: string | null = null;
  private readonly resolved = new Map<string, ListRef | null>();

  constructor(
    private readonly cols: AddonColumns, private readonly headers: readonly string[], private readonly ctx: AddonContext,
    private readonly problems: { add(p: SyncProblem): void },
  ) {}

  /** The rows of people, each with its add-ons; add-on rows themselves are left out. */
  async *fold(slices: AsyncIterable<TableRow[]>): AsyncGenerator<TableRow[]> {
    const { order } = this.cols;
    for await (const slice of slices) {
      const out: TableRow[] = [];
      for (const row of slice) {
        this.seen++;
        const code = cell(row, order);
        if (code !== this.groupOrder) {
          this.flush(out);
          this.groupOrder = code;
        }
        this.group.push(row);
      }
      yield out;
    }
    const out: TableRow[] = [];
    this.flush(out);
    if (out.length > 0) yield out;
  }

  private isAddon(row: TableRow): boolean {
    return cell(row, this.cols.addonTo) !== '';
  }

  /** The rows of one order: its add-ons to their positions. */
  private flush(out: TableRow[]): void {
    const group = this.group;
    if (group.length === 0) return;
    this.group = [];
    const orderCode = this.groupOrder ?? '';
    if (!group.some((r) => this.isAddon(r))) {
      for (const r of group) {
        out.push(r);
        this.earlier.add(`${orderCode}\t${cell(r, this.cols.position)}`);
      }
      return;
    }
    const byPosition = new Map<string, TableRow>();
    for (const r of group) {
      const pos = cell(r, this.cols.position);
      if (pos !== '' && !byPosition.has(pos)) byPosition.set(pos, r);
    }
    const addonsOf = new Map<TableRow, Addon[]>();
    for (const r of group) {
      if (!this.isAddon(r)) continue;
      this.counts.rows++;
      const parent = this.parentOf(r, byPosition);
      const product = cell(r, this.cols.product);
      const variation = cell(r, this.cols.variation);
      const text = variation ? `${product} – ${variation}` : product;
      if (!parent) {
        const to = cell(r, this.cols.addonTo);
        this.problems.add({
          code: 'addonWithoutParent', severity: 'warning', line: r.line, column: this.headers[this.cols.addonTo] ?? null,
          params: { value: text.slice(0, 80), position: to, order: orderCode, ...(this.earlier.has(`${orderCode}\t${to}`) ? { context: 'elsewhere' } : {}) },
        });
        continue;
      }
      if (this.ctx.cancelled(r)) {
        this.counts.cancelled++;
        continue;
      }
      const list = this.listOf(product, variation);
      if (list) this.counts.lists++;
      else {
        this.counts.extra++;
        const seen = this.unknown.get(text);
        if (seen) seen.count++;
        else this.unknown.set(text, { line: r.line, count: 1 });
      }
      let addons = addonsOf.get(parent);
      if (!addons) addonsOf.set(parent, (addons = []));
      addons.push({ line: r.line, text, list });
    }
    for (const r of group) {
      if (this.isAddon(r)) continue;
      const addons = addonsOf.get(r);
      const withAddons: RowWithAddons | undefined = addons && { line: r.line, cells: r.cells, addons };
      out.push(withAddons ?? r);
      this.earlier.add(`${orderCode}\t${cell(r, this.cols.position)}`);
    }
  }

  /** The position an add-on belongs to (an add-on of an add-on: that one's), or null when it is not in the order. */
  private parentOf(row: TableRow, byPosition: ReadonlyMap<string, TableRow>): TableRow | null {
    let at: TableRow | undefined = row;
    for (let depth = 0; depth < 5 && at && this.isAddon(at); depth++) at = byPosition.get(cell(at, this.cols.addonTo));
    return at && !this.isAddon(at) ? at : null;
  }

  private listOf(product: string, variation: string): ListRef | null {
    const key = `${product}\u0001${variation}`;
    let list = this.resolved.get(key);
    if (list === undefined) {
      list = this.ctx.addonList(product, variation);
      if (this.resolved.size < 10_000) this.resolved.set(key, list);
    }
    return list;
  }

  /** Said once on the dry run: how many rows were add-ons and where they went; each product that names nothing known. */
  finish(): void {
    const { rows, lists, extra, cancelled } = this.counts;
    if (rows === 0) return;
    this.problems.add({
      code: 'addonRows', severity: 'warning', line: null, column: this.headers[this.cols.addonTo] ?? null,
      params: { count: rows, lists, extra, cancelled, field: ADDON_FIELD, ...(cancelled > 0 ? { context: 'cancelled' } : {}) },
    });
    for (const [text, { line, count }] of this.unknown) {
      this.problems.add({
        code: 'addonNotInProgramme', severity: 'warning', line, column: this.headers[this.cols.product] ?? null,
        params: { value: text.slice(0, 80), count, field: ADDON_FIELD },
      });
    }
  }
}

/** Whether a row is an add-on of another position (for a look at the rows before the dry run). */
export function isAddonRow(row: TableRow, cols: AddonColumns): boolean {
  return cell(row, cols.addonTo) !== '';
}
