import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { DEFAULT_PROTOCOL } from './default-protocol.ts';
import { ensureDefaultProtocol, findProtocolInForce } from './protocol.repository.ts';

// The database itself refuses a navigation without its red-flag check, and a changed escalation
// (DOMAIN.md 2.3 rules 1 and 4; hazards HZ-01 and HZ-09), whatever the application does.

describe('navigation tables', () => {
  let t: TestDatabase;
  let protocolId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    protocolId = (await findProtocolInForce(t.db, t.tenant.id, null)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function startRecord(): Promise<string> {
    const row = await t.db
      .insertInto('navigation_record')
      .values({
        tenant_id: t.tenant.id,
        navigator_user_id: randomUUID(),
        channel: 'phone',
        protocol_id: protocolId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  function update(id: string, values: Record<string, unknown>): Promise<unknown> {
    return t.db
      .updateTable('navigation_record')
      .set(values)
      .where('tenant_id', '=', t.tenant.id)
      .where('id', '=', id)
      .execute();
  }

  it('installs the shipped default once, approved but not locally signed off', async () => {
    expect(await ensureDefaultProtocol(t.db, t.tenant.id)).toBe(false);
    const protocol = await findProtocolInForce(t.db, t.tenant.id, null);
    expect(protocol).toMatchObject({ version: 1, practiceId: null, locallyApproved: false });
    expect(protocol.content).toEqual(DEFAULT_PROTOCOL);
    const count = await t.db
      .selectFrom('navigation_protocol')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it.each([
    ['an outcome', { outcome: 'gp', patient_choice: 'chose_gp', completed_at: new Date() }],
    ['needs', { needs: ['loneliness'] }],
    ['free text', { need_text: 'lonely since moving' }],
    ['options', { options_offered: JSON.stringify([]) }],
  ])('refuses %s before the red-flag check is recorded', async (_what, values) => {
    const id = await startRecord();
    await expect(update(id, values)).rejects.toThrow(/navigation_red_flag_step_first/);
  });

  it('refuses a red flag without the patient’s words and time, and an ordinary outcome after a red flag', async () => {
    const id = await startRecord();
    await expect(
      update(id, {
        red_flag_checked_at: new Date(),
        red_flag_outcome: 'call-999',
        red_flag_key: 'chest-pain',
      }),
    ).rejects.toThrow(/navigation_red_flag_words/);
    const now = new Date();
    await expect(
      update(id, {
        red_flag_checked_at: now,
        red_flag_outcome: 'call-999',
        red_flag_key: 'chest-pain',
        red_flag_source: 'screen',
        red_flag_words: 'my chest feels tight',
        red_flag_at: now,
        outcome: 'gp',
        completed_at: now,
      }),
    ).rejects.toThrow(/navigation_red_flag_stops/);
  });

  it('lets "no red flag" become a red flag from later free text, and then never changes it', async () => {
    const id = await startRecord();
    const checked = new Date();
    await update(id, { red_flag_checked_at: checked, red_flag_outcome: 'none', needs: ['loneliness'] });
    await expect(update(id, { red_flag_checked_at: new Date(checked.getTime() + 60_000) })).rejects.toThrow(
      /cannot be changed/,
    );
    await update(id, {
      red_flag_outcome: 'duty-gp-now',
      red_flag_key: 'suicidal',
      red_flag_source: 'free-text',
      red_flag_words: 'I want to end it all',
      red_flag_at: new Date(),
      outcome: 'red-flag',
      completed_at: new Date(),
    });
    await expect(update(id, { red_flag_words: 'something milder' })).rejects.toThrow(/cannot be changed/);
    await expect(update(id, { red_flag_outcome: 'none' })).rejects.toThrow(/cannot be changed/);
    await expect(update(id, { outcome: 'gp' })).rejects.toThrow();
    await update(id, { red_flag_handed_to: 'Dr Patel (duty GP)' });
    await expect(update(id, { red_flag_handed_to: 'someone else' })).rejects.toThrow(/cannot be changed/);
  });
});
