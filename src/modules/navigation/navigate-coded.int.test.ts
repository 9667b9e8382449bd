import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAgent } from '../../../test/support/accounts.ts';
import { buildPatient } from '../../../test/support/casework-builders.ts';
import {
  createNavigationContext,
  navigationIdOf,
  postStep,
  startNavigation,
  type NavigationContext,
} from '../../../test/support/navigation-context.ts';
import { setSnomedCodeState } from '../casework/snomed-codes.ts';
import { londonDate } from '../casework/working-days.ts';
import { findNavigationRecord } from './navigation-record.repository.ts';

// Coded events of navigations for the GP record (DOMAIN.md 3.4): written through the code table in the
// outcome's transaction with the navigation's id, only while the code is confirmed and switched on, and
// then in the GP-system export. Signposted: 'navigation-signposted'; referred to the link worker:
// 'offered'; declined when the link worker was among the options: 'declined'.

let ctx: NavigationContext;
let navigator: TestAgent;

beforeAll(async () => {
  ctx = await createNavigationContext();
  navigator = ctx.practiceNavigator;
});

afterAll(async () => {
  await ctx.close();
});

const idOf = navigationIdOf;

async function throughNeeds(nhsNumber: string, pick: string): Promise<string> {
  const url = await startNavigation(navigator, { action: 'start', nhsNumber });
  await postStep(navigator, url, 'red-flags', { action: 'none' });
  await postStep(navigator, url, 'needs', { pick });
  return url;
}

async function codedOf(
  url: string,
): Promise<{ navigation_id: string | null; event: string; referral_id: string | null } | undefined> {
  const record = await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url));
  return ctx.t.db
    .selectFrom('coded_event')
    .select(['navigation_id', 'event', 'referral_id'])
    .where('id', '=', record?.codedEventId ?? '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
}

describe('the coded event', () => {
  it('reaches the GP export once the signposting code is confirmed and switched on', async () => {
    await setSnomedCodeState(ctx.t.db, ctx.tenantId, {
      event: 'navigation-signposted',
      confirmed: true,
      enabled: true,
      conceptId: '1234561000000105',
    });
    const patient = await buildPatient(ctx.t.db, ctx.tenantId);
    const url = await throughNeeds(patient.nhsNumber ?? '', 'medication');
    await postStep(navigator, url, 'outcome', { choice: 'protocol:community-pharmacy' });
    const record = await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url));
    expect(record?.codedEventId).not.toBeNull();
    const coded = await ctx.t.db
      .selectFrom('coded_event')
      .select(['navigation_id', 'event'])
      .where('id', '=', record?.codedEventId ?? '')
      .executeTakeFirstOrThrow();
    expect(coded).toEqual({ navigation_id: record?.id, event: 'navigation-signposted' });
    const today = londonDate(new Date());
    const csv = await ctx.clinician.agent.get(
      `/app/exports/coded-events?practice=${ctx.practiceId}&from=${today}&to=${today}&format=csv`,
    );
    expect(csv.body).toContain(`${today},${patient.nhsNumber ?? ''},1234561000000105,`);
  });

  it('is not written while the code is unconfirmed', async () => {
    await setSnomedCodeState(ctx.t.db, ctx.tenantId, {
      event: 'navigation-signposted',
      confirmed: false,
      enabled: false,
    });
    const patient = await buildPatient(ctx.t.db, ctx.tenantId);
    const url = await throughNeeds(patient.nhsNumber ?? '', 'medication');
    await postStep(navigator, url, 'outcome', { choice: 'protocol:community-pharmacy' });
    const record = await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url));
    expect(record).toMatchObject({ outcome: 'signposted', codedEventId: null });
  });
});

describe('the other coded events', () => {
  it("codes a decline as 'declined' when the link worker was offered", async () => {
    const patient = await buildPatient(ctx.t.db, ctx.tenantId);
    const url = await throughNeeds(patient.nhsNumber ?? '', 'housing');
    await postStep(navigator, url, 'outcome', { choice: 'declined' });
    expect(await codedOf(url)).toEqual({ navigation_id: idOf(url), event: 'declined', referral_id: null });
  });

  it("codes a link worker referral as 'offered' once that code is switched on", async () => {
    await setSnomedCodeState(ctx.t.db, ctx.tenantId, { event: 'offered', confirmed: true, enabled: true });
    const patient = await buildPatient(ctx.t.db, ctx.tenantId);
    const url = await throughNeeds(patient.nhsNumber ?? '', 'caring');
    await postStep(navigator, url, 'outcome', { choice: 'link-worker', consent: 'yes' });
    const record = await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url));
    expect(await codedOf(url)).toEqual({
      navigation_id: idOf(url),
      event: 'offered',
      referral_id: record?.referralId,
    });
  });

  it('writes nothing for a navigation without a patient', async () => {
    const url = await startNavigation(navigator);
    await postStep(navigator, url, 'red-flags', { action: 'none' });
    await postStep(navigator, url, 'needs', { pick: 'housing' });
    await postStep(navigator, url, 'outcome', { choice: 'declined' });
    expect(await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url))).toMatchObject({
      outcome: 'declined',
      codedEventId: null,
    });
  });
});
