/**
 * Sanctions with history: every listing and delisting of an address with the date it took effect, so that
 * screening answers "was this address listed at time T, as whom, under which program" instead of "is it
 * on today's list". A payment received in 2021 from an address listed in 2023 is not a sanctions breach;
 * a payment from a Tornado Cash contract in 2023 was one, although those contracts left the list in 2025.
 *
 * Dates are what the sources say and no more. A source that gives the day of listing (the OFAC "date
 * added" column, an SDN entry's publication date) gives an exact date; a bare snapshot says only "listed by
 * this day" and, when an earlier snapshot of the same series lacked the address, "not before that one".
 * Between those two days the answer is `unknown`: screening fails closed and says so, never "not listed".
 */

/** An ISO calendar day, `YYYY-MM-DD` (UTC). Plain strings compare in date order. */
export type Day = string;

/**
 * When a change took effect: `on` when the day is known; otherwise the window it fell in, after `after`
 * (exclusive; absent when nothing earlier is known) and on or before `by`.
 */
export interface DateBound {
  on?: Day;
  after?: Day;
  by?: Day;
}

export interface Listing {
  /** Lower-case 0x address. */
  address: string;
  /** The entity the list names (person, company, service), when it names one. */
  name?: string;
  /** The sanctions programme(s), e.g. CYBER2, DPRK3, when the source says. */
  programs?: string[];
  /** The assets or chains the listing names the address for (ETH, USDT, ARB…), when known. */
  assets?: string[];
  listed: DateBound;
  /** Absent while the listing stands. */
  delisted?: DateBound;
  /** Where each fact came from: list names with their versions. */
  sources: string[];
}

export type ScreenStatus = 'listed' | 'not-listed' | 'delisted' | 'unknown';

export interface ScreenResult {
  address: string;
  /** The day screened for. */
  at: Day;
  /**
   * `listed`: on the list at `at`. `delisted`: was listed, but removed on or before `at`. `not-listed`:
   * no source lists it at `at` (it may be listed later: see `listing`). `unknown`: `at` falls in a window
   * where the sources cannot tell (listed or delisted on a day between two snapshots).
   */
  status: ScreenStatus;
  /** The listing behind the answer, when there is one (also for `not-listed` before a later listing). */
  listing?: Listing;
  /** Why, in words. */
  reason: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** A Date, an ISO date or date-time, or a UNIX time in seconds, as the UTC day it falls on. */
export function toDay(at: Date | string | number): Day {
  if (typeof at === 'string' && DAY.test(at)) return at;
  const date = typeof at === 'number' ? new Date(at * 1000) : typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new RangeError(`'${String(at)}' is not a date`);
  return date.toISOString().slice(0, 10);
}

/** Where `at` stands against a change: after it took effect, before it, or inside its uncertainty window. */
function relation(at: Day, bound: DateBound): 'after' | 'before' | 'inside' {
  if (bound.on !== undefined) return at >= bound.on ? 'after' : 'before';
  if (bound.by !== undefined && at >= bound.by) return 'after';
  if (bound.after !== undefined && at <= bound.after) return 'before';
  // No lower bound means the change may have happened at any time before `by`.
  return 'inside';
}

export function describeBound(bound: DateBound): string {
  if (bound.on) return `on ${bound.on}`;
  if (bound.after && bound.by) return `between ${bound.after} and ${bound.by}`;
  if (bound.by) return `on or before ${bound.by}`;
  if (bound.after) return `after ${bound.after}`;
  return 'on an unknown day';
}

function label(listing: Listing): string {
  return [listing.name, listing.programs?.length ? `programme ${listing.programs.join(', ')}` : undefined].filter(Boolean).join(', ') || 'no name given';
}

/** Screens one listing at one day. */
export function screenListing(listing: Listing, at: Day): Omit<ScreenResult, 'address' | 'at'> {
  const who = label(listing);
  const listedWhen = relation(at, listing.listed);
  if (listedWhen === 'before') return { status: 'not-listed', listing, reason: `not yet listed on ${at}: listed ${describeBound(listing.listed)} (${who})` };
  if (listedWhen === 'inside') return { status: 'unknown', listing, reason: `listed ${describeBound(listing.listed)} (${who}); the sources cannot tell whether it was listed on ${at}` };
  if (!listing.delisted) return { status: 'listed', listing, reason: `listed ${describeBound(listing.listed)} as ${who}` };
  const delistedWhen = relation(at, listing.delisted);
  if (delistedWhen === 'before') return { status: 'listed', listing, reason: `listed ${describeBound(listing.listed)} as ${who}; delisted later, ${describeBound(listing.delisted)}` };
  if (delistedWhen === 'inside') return { status: 'unknown', listing, reason: `listed ${describeBound(listing.listed)} as ${who} and delisted ${describeBound(listing.delisted)}; the sources cannot tell whether it was still listed on ${at}` };
  return { status: 'delisted', listing, reason: `delisted ${describeBound(listing.delisted)} (${who}; listed ${describeBound(listing.listed)})` };
}

/** Which of several answers about one address wins: a listing beats doubt, doubt beats a clean answer. */
const PRECEDENCE: Record<ScreenStatus, number> = { listed: 3, unknown: 2, delisted: 1, 'not-listed': 0 };

/**
 * The dated sanctions list: listings by address, screened at any day. Lookups are one map access, so the
 * monitor can screen every counterparty of every transfer (bench:compliance measures the rate).
 */
export class SanctionsHistory {
  private readonly byAddress = new Map<string, Listing[]>();

  constructor(
    listings: Iterable<Listing> = [],
    /** The list versions the history was built from, for reports ("OFAC SDN via ultrasoundmoney, 2026-06-25"). */
    readonly versions: string[] = [],
  ) {
    for (const l of listings) this.add(l);
  }

  add(listing: Listing): void {
    const address = listing.address.toLowerCase();
    const list = this.byAddress.get(address);
    const normalised = { ...listing, address };
    if (list) list.push(normalised);
    else this.byAddress.set(address, [normalised]);
  }

  get size(): number {
    return this.byAddress.size;
  }

  listings(): Listing[] {
    return [...this.byAddress.values()].flat();
  }

  listingsOf(address: string): Listing[] {
    return this.byAddress.get(address.toLowerCase()) ?? [];
  }

  /** Addresses listed on `at` (unknowns excluded): a plain list for a detector that wants a set. */
  listedOn(at: Date | string | number): string[] {
    const day = toDay(at);
    return [...this.byAddress.keys()].filter((a) => this.screen(a, day).status === 'listed');
  }

  /** Was `address` listed on day `at` (default today)? */
  screen(address: string, at: Date | string | number = new Date()): ScreenResult {
    const day = toDay(at);
    const a = address.toLowerCase();
    const listings = this.byAddress.get(a);
    if (!listings) return { address: a, at: day, status: 'not-listed', reason: `on no sanctions list Argus holds (${this.versions.join('; ') || 'no lists loaded'})` };
    let best: ScreenResult | undefined;
    for (const listing of listings) {
      const r = { address: a, at: day, ...screenListing(listing, day) };
      if (!best || PRECEDENCE[r.status] > PRECEDENCE[best.status]) best = r;
    }
    return best as ScreenResult;
  }
}
