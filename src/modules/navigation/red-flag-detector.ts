import { findUrgentPhrases } from '../referrals/urgent-phrases.ts';
import {
  mostUrgent,
  type NavigationProtocolContent,
  type RedFlag,
  type RedFlagOutcome,
} from './protocol.model.ts';

// Keyword detection on every piece of free text in the navigation flow (DOMAIN.md 2.3 design requirement
// 2; hazard HZ-01): the protocol's red-flag phrases, matched the same way as referral text (lower case,
// apostrophes dropped, hyphens as spaces, at the start of a word).

export interface RedFlagMatch {
  flag: RedFlag;
  phrase: string;
}

export interface RedFlagDetection {
  matches: RedFlagMatch[];
  /** The flag whose outcome is most urgent, or undefined when nothing matched. */
  decisive: RedFlagMatch | undefined;
}

/**
 * The red flags whose phrases appear in any of the texts.
 * @param texts - the free text typed so far (null or empty ones are skipped)
 * @param protocol - the protocol in force
 */
export function detectRedFlags(
  texts: readonly (string | null | undefined)[],
  protocol: Pick<NavigationProtocolContent, 'redFlags'>,
): RedFlagDetection {
  const matches: RedFlagMatch[] = [];
  for (const flag of protocol.redFlags) {
    const found = findUrgentPhrases(texts, flag.phrases);
    if (found.length > 0) {
      matches.push({ flag, phrase: found[0] ?? '' });
    }
  }
  if (matches.length === 0) {
    return { matches, decisive: undefined };
  }
  const outcome: RedFlagOutcome = mostUrgent(matches.map((m) => m.flag.outcome));
  return { matches, decisive: matches.find((m) => m.flag.outcome === outcome) };
}
