import type { Insertable } from 'kysely';
import type { NavigationRecordTable, OfferedOption } from '../modules/navigation/navigation.tables.ts';
import type {
  Destination,
  NavigationProtocolContent,
  QuickPick,
} from '../modules/navigation/protocol.model.ts';
import { addDays } from '../modules/casework/working-days.ts';
import { DEMO_RED_FLAG_WORDS, DEMO_PICK_WEIGHTS, DEMO_NEED_TEXTS } from './demo-navigation.data.ts';
import { demoId, DemoRandom } from './demo-random.ts';

// The demo's navigation history as rows (pure: the same inputs give the same rows). Weekdays of the last
// few weeks, 2 to 8 navigations a day per navigator, from 08:00 to 18:00. Every record has its red-flag
// check first (a few are escalations with the patient's words); the rest follow a believable mix of
// outcomes: signposted about 45 %, link worker about 20 %, GP about 25 % (over half because the patient
// preferred it), declined about 5 %, and a few stopped part-way. Copies record their channel only (no
// message is queued), and older signposts have some follow-up answers.

export interface DemoNavigator {
  userId: string;
  practiceId: string;
  protocolId: string;
  protocol: NavigationProtocolContent;
  /** Demo patients registered at the navigator's practice (some records are theirs; the rest name nobody). */
  patients: readonly { id: string; postcode: string | null }[];
}

export interface DemoNavigationService {
  id: string;
  name: string;
  needs: string[];
  capacity: string;
}

export interface DemoNavigationInput {
  tenantId: string;
  /** The seeding day ('YYYY-MM-DD', UK time): history ends the day before. */
  today: string;
  days: number;
  navigators: readonly DemoNavigator[];
  services: readonly DemoNavigationService[];
}

type Row = Insertable<NavigationRecordTable>;
type Outcome = 'signposted' | 'referred-link-worker' | 'gp' | 'declined';
const SECOND = 1000;

/**
 * The id of a demo navigation record (stable across seeding days: the key counts days back).
 * @param tenantId - the tenant
 * @param key - days back, navigator and number that day
 */
export function demoNavigationId(tenantId: string, key: string): string {
  return demoId(tenantId, 'navigation-record', key);
}

function weighted<T>(random: DemoRandom, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) {
      return item;
    }
  }
  const last = items.at(-1);
  if (last === undefined) {
    throw new Error('weighted needs items');
  }
  return last[0];
}

interface RowContext {
  navigator: DemoNavigator;
  services: readonly DemoNavigationService[];
  random: DemoRandom;
  daysBack: number;
  checkedAt: Date;
}

function offered(
  pick: QuickPick,
  context: Pick<RowContext, 'navigator' | 'services' | 'random'>,
): OfferedOption[] {
  const {
    navigator: { protocol },
    services,
    random,
  } = context;
  const destinations = pick.destinations
    .map((key) => protocol.destinations.find((d) => d.key === key && d.enabled))
    .filter((d): d is Destination => d !== undefined && d.kind !== 'gp');
  const matching = services.filter((s) => s.needs.some((n) => pick.needs.includes(n)));
  const chosenServices = random
    .sample(matching, 2)
    .sort(
      (a, b) =>
        Number(a.capacity === 'paused' || a.capacity === 'closed') -
        Number(b.capacity === 'paused' || b.capacity === 'closed'),
    );
  const gp = protocol.destinations.find((d) => d.kind === 'gp' && d.enabled);
  const options: Omit<OfferedOption, 'rank'>[] = [
    ...destinations.map((d) => ({ kind: 'protocol' as const, key: d.key, name: d.name, capacity: null })),
    ...chosenServices.map((s) => ({
      kind: 'service' as const,
      key: s.id,
      name: s.name,
      capacity: s.capacity,
    })),
    ...(gp === undefined ? [] : [{ kind: 'protocol' as const, key: gp.key, name: gp.name, capacity: null }]),
  ];
  return options.map((o, i) => ({ ...o, rank: i + 1 }));
}

function chooseDestination(
  outcome: Outcome,
  options: readonly OfferedOption[],
  random: DemoRandom,
): OfferedOption | null {
  const open = (o: OfferedOption): boolean => o.capacity !== 'paused' && o.capacity !== 'closed';
  const candidates =
    outcome === 'gp'
      ? options.filter((o) => o.key === 'gp')
      : outcome === 'referred-link-worker'
        ? options.filter((o) => o.key === 'link-worker')
        : outcome === 'signposted'
          ? options.filter((o) => o.key !== 'gp' && o.key !== 'link-worker' && open(o))
          : [];
  return candidates.length === 0 ? null : random.pick(candidates.slice(0, 2));
}

function redFlagRow(base: Row, context: Omit<RowContext, 'services' | 'daysBack'>): Row | null {
  const { navigator, random, checkedAt } = context;
  const [key, words] = random.pick(Object.entries(DEMO_RED_FLAG_WORDS));
  const flag = navigator.protocol.redFlags.find((f) => f.key === key);
  if (flag === undefined) {
    return null;
  }
  return {
    ...base,
    red_flag_outcome: flag.outcome,
    red_flag_key: flag.key,
    red_flag_source: random.chance(0.7) ? 'screen' : 'free-text',
    red_flag_words: random.pick(words),
    red_flag_at: checkedAt,
    red_flag_handed_to:
      flag.outcome === 'call-999' || flag.outcome === 'nhs-111' ? 'Patient advised directly' : 'Duty GP',
    outcome: 'red-flag',
    completed_at: new Date(checkedAt.getTime() + 30 * SECOND),
  };
}

function outcomeRow(base: Row, context: RowContext): Row {
  const { navigator, random, daysBack } = context;
  const outcome = weighted<Outcome>(random, [
    ['signposted', 45],
    ['referred-link-worker', 20],
    ['gp', 25],
    ['declined', 5],
  ]);
  const picks = navigator.protocol.quickPicks.filter(
    (p) => outcome !== 'referred-link-worker' || p.destinations.includes('link-worker'),
  );
  const pick = weighted(
    random,
    picks.map((p) => [p, DEMO_PICK_WEIGHTS[p.key] ?? 1] as const),
  );
  const options = offered(pick, context);
  const destination = chooseDestination(outcome, options, random);
  const final: Outcome = destination === null && outcome !== 'declined' ? 'gp' : outcome;
  const chosen = destination ?? (final === 'gp' ? (options.find((o) => o.key === 'gp') ?? null) : null);
  const preferred = final === 'gp' && random.chance(0.6);
  const copy =
    final === 'declined'
      ? 'none'
      : weighted(random, [
          ['sms', 40],
          ['email', 10],
          ['print', 15],
          ['none', 35],
        ] as const);
  const followUp =
    daysBack >= 7 && (final === 'signposted' || final === 'referred-link-worker') && random.chance(0.35)
      ? weighted(random, [
          ['got_help', 60],
          ['didnt_go', 12],
          ['service_full', 10],
          ['couldnt_get_in', 12],
          ['not_eligible', 6],
        ] as const)
      : null;
  const needText = DEMO_NEED_TEXTS[pick.key];
  return {
    ...base,
    needs: [pick.key],
    need_text: needText !== undefined && random.chance(0.4) ? random.pick(needText) : null,
    options_offered: JSON.stringify(options),
    outcome: final,
    patient_choice: final === 'declined' ? 'declined' : preferred ? 'chose_gp' : 'accepted_signpost',
    gp_reason: final === 'gp' ? (preferred ? 'patient-preferred' : 'needed') : null,
    destination_kind: chosen?.kind ?? null,
    destination_key: chosen?.key ?? null,
    destination_name: chosen?.name ?? null,
    destination_capacity: chosen?.capacity ?? null,
    copy_channel: copy,
    copy_text: copy === 'none' || chosen === null ? null : `What we agreed today: ${chosen.name}.`,
    contact_consent: copy === 'sms' || copy === 'email',
    completed_at: new Date(context.checkedAt.getTime() + random.int(40, 130) * SECOND),
    follow_up: followUp,
  };
}

/**
 * Every row of the demo navigation history.
 * @param input - the seeding day, the navigators (with their protocol in force and patients), services
 */
export function buildDemoNavigationRows(input: DemoNavigationInput): Row[] {
  const random = new DemoRandom('navigation');
  const rows: Row[] = [];
  for (let daysBack = input.days; daysBack >= 1; daysBack--) {
    const day = addDays(input.today, -daysBack);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) {
      continue;
    }
    for (const [n, navigator] of input.navigators.entries()) {
      const count = random.int(2, 8);
      for (let i = 0; i < count; i++) {
        const startedAt = new Date(`${day}T08:00:00Z`);
        startedAt.setUTCMinutes(random.int(0, 599), random.int(0, 59));
        const checkedAt = new Date(startedAt.getTime() + random.int(8, 25) * SECOND);
        const patient =
          navigator.patients.length > 0 && random.chance(0.4) ? random.pick(navigator.patients) : null;
        const base: Row = {
          tenant_id: input.tenantId,
          id: demoNavigationId(input.tenantId, `${String(daysBack)}-${String(n)}-${String(i)}`),
          practice_id: navigator.practiceId,
          navigator_user_id: navigator.userId,
          channel: weighted(random, [
            ['phone', 60],
            ['desk', 35],
            ['online', 5],
          ] as const),
          patient_id: patient?.id ?? null,
          patient_postcode: patient?.postcode ?? null,
          protocol_id: navigator.protocolId,
          started_at: startedAt,
          red_flag_checked_at: checkedAt,
          red_flag_outcome: 'none',
        };
        const kind = random.next();
        const row =
          kind < 0.03
            ? redFlagRow(base, { navigator, random, checkedAt })
            : kind < 0.05
              ? base
              : outcomeRow(base, { navigator, services: input.services, random, daysBack, checkedAt });
        rows.push(row ?? base);
      }
    }
  }
  return rows;
}
