import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOrukService } from '../../../../test/support/builders.ts';
import { generateServices, toOrukRecord } from '../../../../scripts/synthetic-directory.ts';
import { parseOrukService, type OrukService } from '../oruk/oruk.schema.ts';
import { serviceGraphRows, withoutSharedEntities, type ServiceGraphRows } from '../service-graph.rows.ts';
import { holdBack, rowsWrittenNow, type BusyRows } from './service-import.hold-back.ts';

// holdBack: which services of a batch wait for the next batch because a batch still being written writes
// a row they meet. The rest must share no written row with them.

const item = (overrides: Partial<OrukService> = {}): { service: OrukService } => ({
  service: buildOrukService(overrides),
});

const organizationOf = (x: { service: OrukService }): NonNullable<OrukService['organization']> => {
  const organization = x.service.organization;
  if (organization === undefined) {
    throw new Error('the builder nests an organization');
  }
  return organization;
};

const busyWith = (ids: { services?: string[]; entities?: string[] }): BusyRows => ({
  service: (id) => (ids.services ?? []).includes(id),
  entity: (id) => (ids.entities ?? []).includes(id),
});

/** Everything the services carry counts as written by the batch (nothing was stored before). */
const allWritten = (items: { service: OrukService }[]): Set<string> =>
  new Set(
    items.flatMap(({ service }) => [
      service.organization?.id ?? '',
      ...(service.service_at_locations ?? []).map((x) => x.location?.id ?? ''),
    ]),
  );

describe('holdBack', () => {
  it('writes everything now when nothing being written is met', () => {
    const items = [item(), item(), item()];
    expect(holdBack(items, busyWith({}), allWritten(items))).toEqual({ now: items, later: [] });
  });

  it('holds back a service whose organization, location or term is being written, or the service itself', () => {
    const [a, b, c, d, e] = [item(), item(), item(), item(), item()];
    const termId = randomUUID();
    const withTerm = item({ attributes: [{ id: randomUUID(), taxonomy_term_id: termId }] });
    const items = [a, b, c, d, e, withTerm];
    const location = b.service.service_at_locations?.[0]?.location?.id ?? '';
    const busy = busyWith({ services: [c.service.id], entities: [organizationOf(a).id, location, termId] });
    const { now, later } = holdBack(items, busy, allWritten(items));
    expect(later).toEqual([a, b, c, withTerm]);
    expect(now).toEqual([d, e]);
  });

  it('holds back a service that refers by id to an organization being written', () => {
    const carried = item();
    const byId = item({ organization: undefined, organization_id: organizationOf(carried).id });
    const other = item();
    const { later } = holdBack(
      [byId, other],
      busyWith({ entities: [organizationOf(carried).id] }),
      allWritten([byId, other]),
    );
    expect(later).toEqual([byId]);
  });

  it('also holds back services that share a written row or the id with a held-back one, in feed order', () => {
    const busyOrg = item();
    const shared = organizationOf(item());
    const first = item({ organization_id: shared.id, organization: { ...shared, name: 'Older copy' } });
    const hot = item({ organization_id: shared.id, organization: shared });
    // `hot` also carries the organization being written: its second location is the busy one.
    hot.service.service_at_locations = [
      ...(hot.service.service_at_locations ?? []),
      ...(busyOrg.service.service_at_locations ?? []),
    ];
    const byReference = item({ organization: undefined, organization_id: shared.id });
    const laterCopy = item({ id: first.service.id, name: 'Later copy of first' });
    const unrelated = item();
    const items = [first, unrelated, hot, byReference, laterCopy];
    const busy = busyWith({
      entities: [busyOrg.service.service_at_locations?.[0]?.location?.id ?? ''],
    });
    const { now, later } = holdBack(items, busy, allWritten(items));
    expect(later).toEqual([first, hot, byReference, laterCopy]);
    expect(now).toEqual([unrelated]);
  });

  it('does not tie services together through a row the batch leaves out as already stored', () => {
    const term = { id: randomUUID(), name: 'Befriending', description: 'Befriending services' };
    const hot = item({ attributes: [{ id: randomUUID(), taxonomy_term: term }] });
    const other = item({ attributes: [{ id: randomUUID(), taxonomy_term: term }] });
    const items = [hot, other];
    const busy = busyWith({ entities: [organizationOf(hot).id] });
    // The term is not in `written`: a committed batch stored it exactly like this.
    expect(holdBack(items, busy, allWritten(items))).toEqual({ now: [other], later: [hot] });
    // Written by this batch, it ties `other` to `hot`.
    const written = new Set([...allWritten(items), term.id]);
    expect(holdBack(items, busy, written)).toEqual({ now: [], later: [hot, other] });
  });
});

describe('rowsWrittenNow', () => {
  const tenantId = randomUUID();
  // Synthetic services share organizations, locations and terms, as real feeds do.
  const items = [...generateServices(400, 7, { asOf: new Date('2026-11-01') })].map((generated) => {
    const parsed = parseOrukService(toOrukRecord(tenantId, generated));
    if (!parsed.ok) {
      throw new Error(JSON.stringify(parsed.issues));
    }
    return { service: parsed.value };
  });
  const rowsOf = (part: { service: OrukService }[]): ServiceGraphRows =>
    serviceGraphRows(
      tenantId,
      part.map(({ service }) => ({ service })),
    );
  /** Every row but the owner index (a look-up table; the split keeps all of it). */
  const tables = (rows: ServiceGraphRows | undefined): Partial<ServiceGraphRows> | undefined =>
    rows === undefined ? undefined : { ...rows, owners: undefined };
  const organizationIds = [...new Set(items.map((x) => organizationOf(x).id))];

  // As in an import after its first batch, which stores the terms that nearly every service carries.
  it.each([
    ['the terms', 0],
    ['the terms and every third organization', 3],
  ])('gives the rows built from the services written now alone (stored before: %s)', (_, every) => {
    const all = rowsOf(items);
    const stored = new Set([
      ...all.terms.map((t) => t.id),
      ...all.organizations.filter((_o, k) => every > 0 && k % every === 0).map((o) => o.id),
    ]);
    const rows = withoutSharedEntities(all, stored);
    const written = new Set([...rows.organizations, ...rows.locations, ...rows.terms].map((e) => e.id));
    const busy = busyWith({
      services: [items[5]?.service.id ?? ''],
      entities: organizationIds.filter((_id, k) => k % 40 === 1),
    });
    const { now, later } = holdBack(items, busy, written);
    expect(later.length).toBeGreaterThan(1);
    expect(now.length).toBeGreaterThan(later.length);
    expect(tables(rowsWrittenNow(rows, later))).toEqual(tables(withoutSharedEntities(rowsOf(now), stored)));
  });

  it('does not split rows when two services sent attributes for the same contact id (builds them again)', () => {
    const contactId = randomUUID();
    const term = { id: randomUUID(), name: 'Befriending', description: 'Befriending services' };
    const withContact = (): { service: OrukService } =>
      item({
        contacts: [{ id: contactId, name: 'Desk', attributes: [{ id: randomUUID(), taxonomy_term: term }] }],
      });
    const [held, kept] = [withContact(), withContact()];
    for (const order of [
      [held, kept],
      [kept, held],
    ]) {
      const rows = rowsOf(order);
      expect(rows.sharedLinkIds).toEqual(new Set([contactId]));
      expect(rowsWrittenNow(rows, [held])).toBeUndefined();
    }
    // With distinct contacts (and nothing else shared, as holdBack guarantees) the split is exact.
    const otherTerm = { ...term, id: randomUUID() };
    const other = item({
      contacts: [
        { id: randomUUID(), name: 'Desk', attributes: [{ id: randomUUID(), taxonomy_term: otherTerm }] },
      ],
    });
    expect(tables(rowsWrittenNow(rowsOf([held, other]), [held]))).toEqual(tables(rowsOf([other])));
  });
});
