import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../test/support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { assessProgress } from '../modules/navigation/training-competency.ts';
import { TRAINING_SCENARIOS } from '../modules/navigation/training-scenarios.ts';
import { listCompletedAttempts } from '../modules/navigation/training.repository.ts';
import { seedDemoTraining } from './demo-training.ts';

// The demo navigators' training: one of each competency level, dates in the weeks before seeding, and a
// second run writes nothing.

let t: TestDatabase;
let ids: string[];
const now = new Date('2026-11-20T12:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  ids = [];
  for (const name of ['Ava', 'Ben', 'Cal', 'Dee', 'Eve']) {
    ids.push((await buildUser(t.db, t.tenant.id, { roles: ['care_navigator'], displayName: name })).id);
  }
});

afterAll(async () => {
  await t.close();
});

describe('seedDemoTraining', () => {
  it('gives the navigators a mix of competency levels, then leaves them alone', async () => {
    const written = await seedDemoTraining(t.db, t.tenant.id, ids, now);
    expect(written).toBeGreaterThan(TRAINING_SCENARIOS.length);
    const attempts = await listCompletedAttempts(t.db, t.tenant.id, ids);
    const levels = ids.map((id) => assessProgress(TRAINING_SCENARIOS, attempts.get(id) ?? []).level);
    expect(levels).toEqual(['competent', 'red-flags-safe', 'in-training', 'not-started', 'competent']);
    const dates = [...attempts.values()].flat().map((a) => a.completedAt.getTime());
    expect(Math.min(...dates)).toBeGreaterThan(now.getTime() - 36 * 86_400_000);
    expect(Math.max(...dates)).toBeLessThan(now.getTime());
    const missed = (attempts.get(ids[2] ?? '') ?? []).filter((a) => a.missedRedFlag);
    expect(missed).toHaveLength(1);
    expect(await seedDemoTraining(t.db, t.tenant.id, ids, new Date())).toBe(0);
  });
});
