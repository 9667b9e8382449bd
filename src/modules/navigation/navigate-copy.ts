import type { NavigationOutcome } from './navigation.tables.ts';

// The patient's own copy of what was agreed (issue #5 step 5): plain words, the place's name and how to
// reach it, no map. The same text goes by text message, by email or on the printed "social prescription";
// a text message stays under 612 characters (four SMS fragments), cutting the longest part first.

/** A text message copy is shorter than this. */
export const MAX_COPY_SMS = 612;

export interface CopyContent {
  outcome: Exclude<NavigationOutcome, 'red-flag'>;
  /** The practice sending it, if known. */
  practiceName: string | null;
  /** Where the patient agreed to go (null for the GP or when they declined). */
  destinationName: string | null;
  /** How to get help there, in plain words. */
  howToAccess: string | null;
  /** Phone numbers, the address and opening times, one per line, when known. */
  contactLines: readonly string[];
}

function agreed(content: CopyContent): string {
  switch (content.outcome) {
    case 'signposted':
      return `What we agreed today: you will contact ${content.destinationName ?? 'the service we talked about'}.`;
    case 'referred-link-worker':
      return 'What we agreed today: we have referred you to our social prescribing link worker. They will contact you.';
    case 'gp':
      return 'What we agreed today: you will see a GP. Reception is booking your appointment.';
    case 'declined':
      return 'You chose not to use the options we talked about today. You can contact us again at any time.';
  }
}

function assemble(content: CopyContent, howToAccess: string | null, contactLines: readonly string[]): string {
  const from = content.practiceName === null ? 'From your GP practice' : `From ${content.practiceName}`;
  const parts = [
    `${from}.`,
    agreed(content),
    ...(howToAccess === null ? [] : [howToAccess]),
    ...contactLines,
    content.outcome === 'gp'
      ? 'Call 999 in an emergency.'
      : 'You can still ask to see a GP. Call 999 in an emergency.',
  ];
  return parts.join('\n');
}

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;

/**
 * The copy as one plain text: the whole of it for email and print.
 * @param content - what was agreed and how to get there
 */
export function patientCopyText(content: CopyContent): string {
  return assemble(content, content.howToAccess, content.contactLines);
}

/**
 * The copy for a text message: under MAX_COPY_SMS characters. Contact lines are kept first (a phone number
 * matters most), so how to access it is clipped first; then contact lines are dropped from the end.
 * @param content - what was agreed and how to get there
 */
export function patientCopySms(content: CopyContent): string {
  for (let kept = content.contactLines.length; kept >= 0; kept--) {
    const lines = content.contactLines.slice(0, kept);
    const full = assemble(content, content.howToAccess, lines);
    if (full.length < MAX_COPY_SMS) {
      return full;
    }
    const room = MAX_COPY_SMS - 2 - assemble(content, null, lines).length;
    if (content.howToAccess !== null && room >= 40) {
      return assemble(content, clip(content.howToAccess, room), lines);
    }
  }
  return clip(assemble(content, null, []), MAX_COPY_SMS - 1);
}
