import { z } from 'zod';
import { NEED_CODES } from '../directory/vocabulary.ts';
import type { RedFlagResult } from './navigation.tables.ts';

// The care navigation protocol (DOMAIN.md 2.1-2.3): red flags, quick picks, destinations and their
// wording are DATA, versioned per PCN or practice and clinically signed off (navigation_protocol). What a
// red-flag result means the navigator must DO is fixed here in code (DOMAIN.md 2.3 design requirement 1):
// a protocol chooses which words trigger which result, never what the result asks of the navigator.

export type RedFlagOutcome = Exclude<RedFlagResult, 'none'>;

/** Most urgent first: when several flags match, the most urgent one decides what happens. */
export const RED_FLAG_OUTCOMES: readonly RedFlagOutcome[] = [
  'call-999',
  'duty-gp-now',
  'same-day-gp',
  'nhs-111',
];

export interface RedFlagAction {
  title: string;
  /** What the navigator does now, in order. */
  steps: readonly string[];
  /** What to say to the patient, read aloud. */
  sayToPatient: string;
  /** The task raised for the duty clinician. */
  taskTitle: string;
}

export const RED_FLAG_ACTIONS: Readonly<Record<RedFlagOutcome, RedFlagAction>> = {
  'call-999': {
    title: 'Call 999 now',
    steps: [
      'If the patient is at the desk, call 999 for them now. If they are on the phone, tell them to hang up and call 999 now.',
      'If they cannot or will not call 999, put them through to the duty GP now and keep them on the line.',
      'Tell the duty GP what happened as soon as the call is made.',
    ],
    sayToPatient: 'What you have told me needs help straight away. Please call 999 now.',
    taskTitle: 'Red flag: 999 advised at reception – please check on the patient',
  },
  'duty-gp-now': {
    title: 'Put the patient through to the duty GP now',
    steps: [
      'Do not end the call. Keep the patient on the line or with you.',
      'Put them through to the duty GP now, or fetch the duty GP if the patient is at the desk.',
      'Tell the duty GP the patient’s exact words.',
    ],
    sayToPatient: 'I am going to put you through to the duty doctor now. Please stay on the line.',
    taskTitle: 'Red flag: patient put through to the duty GP from reception',
  },
  'same-day-gp': {
    title: 'Book a same-day GP appointment',
    steps: [
      'Book the patient a GP appointment for today.',
      'If there is none left today, put them through to the duty GP.',
      'Tell the patient to call 999 if they get worse before then.',
    ],
    sayToPatient: 'You need to see a doctor today. I am booking you an appointment now.',
    taskTitle: 'Red flag: same-day GP appointment needed',
  },
  'nhs-111': {
    title: 'Send the patient to NHS 111',
    steps: [
      'Tell the patient to call 111 or go to 111.nhs.uk now, especially if the practice is closing.',
      'Tell them to call 999 if they get worse.',
    ],
    sayToPatient: 'Please call 111 or go to 111.nhs.uk now. They can help you straight away.',
    taskTitle: 'Red flag: patient sent to NHS 111 from reception',
  },
};

/** Where a destination sits (DOMAIN.md 2.2). `gp` and `link-worker` have behaviour of their own. */
export const DESTINATION_KINDS = ['gp', 'link-worker', 'practice', 'nhs', 'community'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

const key = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'Use lower-case letters, numbers and hyphens only' })
  .max(40, { error: 'Keys are at most 40 characters' });
const words = (max: number): z.ZodString =>
  z
    .string()
    .trim()
    .min(1, { error: 'Enter the wording' })
    .max(max, { error: `Use at most ${max} characters` });

export const redFlagSchema = z.object({
  key,
  outcome: z.enum(RED_FLAG_OUTCOMES as [RedFlagOutcome, ...RedFlagOutcome[]]),
  /** Plain words a receptionist can read aloud. */
  question: words(300),
  /** Free-text phrases that raise this flag wherever they are typed in the flow. */
  phrases: z.array(words(80)).max(60, { error: 'Use at most 60 phrases per red flag' }),
});
export type RedFlag = z.infer<typeof redFlagSchema>;

export const destinationSchema = z.object({
  key,
  kind: z.enum(DESTINATION_KINDS),
  name: words(120),
  /** What to tell the patient, read aloud. */
  readAloud: words(400),
  howToAccess: words(400),
  accessCriteria: words(400),
  /** When this destination is not right (its own red flags, DOMAIN.md 2.1). */
  notSuitableWhen: words(400).nullable(),
  enabled: z.boolean(),
});
export type Destination = z.infer<typeof destinationSchema>;

export const quickPickSchema = z.object({
  key,
  label: words(60),
  /** Directory needs whose services are offered too (vocabulary NEEDS). */
  needs: z.array(z.enum(NEED_CODES as [string, ...string[]])),
  /** Protocol destinations to offer, best first. */
  destinations: z.array(key),
});
export type QuickPick = z.infer<typeof quickPickSchema>;

export const protocolContentSchema = z
  .object({
    redFlags: z.array(redFlagSchema).min(1, { error: 'A protocol needs at least one red flag' }),
    quickPicks: z.array(quickPickSchema).min(1, { error: 'A protocol needs at least one quick pick' }),
    destinations: z.array(destinationSchema),
  })
  .superRefine((content, ctx) => {
    const unique = (list: { key: string }[], path: string): void => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.key)) {
          ctx.addIssue({
            code: 'custom',
            path: [path, i, 'key'],
            message: `The key ${item.key} is used twice`,
          });
        }
        seen.add(item.key);
      });
    };
    unique(content.redFlags, 'redFlags');
    unique(content.quickPicks, 'quickPicks');
    unique(content.destinations, 'destinations');
    const gp = content.destinations.filter((d) => d.kind === 'gp' && d.enabled);
    if (gp.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['destinations'],
        message: 'Keep exactly one GP destination switched on: the patient can always choose the GP',
      });
    }
    const known = new Set(content.destinations.map((d) => d.key));
    content.quickPicks.forEach((pick, i) => {
      pick.destinations.forEach((d, j) => {
        if (!known.has(d)) {
          ctx.addIssue({
            code: 'custom',
            path: ['quickPicks', i, 'destinations', j],
            message: `${pick.label} offers ${d}, which is not a destination`,
          });
        }
      });
    });
  });
export type NavigationProtocolContent = z.infer<typeof protocolContentSchema>;

/** A protocol version as the flow uses it. */
export interface NavigationProtocol {
  id: string;
  practiceId: string | null;
  version: number;
  content: NavigationProtocolContent;
  approvedAt: Date;
  approvedByName: string | null;
  /** False for the shipped default until a local clinician has approved a version. */
  locallyApproved: boolean;
  reviewDue: string | null;
}

/**
 * The most urgent of several red-flag outcomes.
 * @param outcomes - outcomes that matched (at least one)
 */
export function mostUrgent(outcomes: readonly RedFlagOutcome[]): RedFlagOutcome {
  const first = RED_FLAG_OUTCOMES.find((o) => outcomes.includes(o));
  if (first === undefined) {
    throw new Error('mostUrgent needs at least one outcome');
  }
  return first;
}
