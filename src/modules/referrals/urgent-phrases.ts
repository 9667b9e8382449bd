// Red flags in free text (DOMAIN.md 2.3, hazards HZ-01 and HZ-02): words in a referral's reason or risk
// information that mean a clinician must look at it before routine triage. A match never blocks the
// referral; it flags it for a clinician, puts it at the top of the triage queue and creates an urgent
// clinician-review task. The list is a starter set: the local list is set by clinical sign-off, so it is
// data (pass another list to scanForUrgentPhrases) rather than logic.
//
// Matching is on normalised text: lower case, apostrophes removed (so "can't" and "cant" both match),
// every other run of characters that are not letters or digits (spaces, hyphens, quotes, brackets,
// punctuation) made one space (so "self-harm" matches "self harm", and "Overdose" in quotation marks is
// still found). A phrase matches where a word starts, so "suicid" finds "suicide" and "suicidal", but
// "overdose" is not found inside another word.

export const URGENT_PHRASES: readonly string[] = [
  'suicid',
  'kill myself',
  'killing myself',
  'end my life',
  'take my own life',
  'want to die',
  'better off dead',
  'self harm',
  'harm myself',
  'hurt myself',
  'overdose',
  'chest pain',
  "can't breathe",
  'cannot breathe',
  'struggling to breathe',
  'collapsed',
  'fitting',
  'swollen tongue',
  'not safe at home',
];

/**
 * Text as compared against the phrases.
 * @param text - free text
 */
export function normaliseForPhrases(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The urgent phrases found in any of the texts, in list order, each once.
 * @param texts - the free-text fields (null or empty ones are skipped)
 * @param phrases - the phrase list (the shipped starter list unless a local one is given)
 */
export function findUrgentPhrases(
  texts: readonly (string | null | undefined)[],
  phrases: readonly string[] = URGENT_PHRASES,
): string[] {
  const haystack = ` ${texts
    .filter((t): t is string => typeof t === 'string' && t !== '')
    .map(normaliseForPhrases)
    .join(' | ')}`;
  return phrases.filter((phrase) => haystack.includes(` ${normaliseForPhrases(phrase)}`));
}
