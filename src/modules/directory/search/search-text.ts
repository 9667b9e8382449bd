// Free-text handling for directory search. Pure: no I/O.
//
// A query is split into words; each word becomes a group "the word OR its close spellings" and the groups
// are AND-ed. Close spellings come from the search lexicon (the distinct words in this tenant's
// directory) by trigram similarity, and only for words that are absent or rare in the directory: a word
// many services use is taken as meant, so "walking" is never widened to "talking", while a misspelling that
// happens to appear in one listing ("befreinding") still finds the correctly spelt services. Services that
// match only through a correction rank below exact matches (see search-ranking.ts).

/** A word found in fewer services than this is also searched under its close spellings. */
export const RARE_WORD_DOCUMENTS = 3;
/** At most this many words of a query are used; the rest are ignored. */
export const MAX_QUERY_WORDS = 8;
/** Longer "words" are not words (pasted identifiers, URLs): they are cut to this length. */
export const MAX_WORD_LENGTH = 40;
/** Words shorter than this are never corrected: trigram similarity is noise on three letters. */
export const MIN_FUZZY_WORD_LENGTH = 4;
/** A lexicon word must be at least this similar (pg_trgm `similarity`, 0-1) to count as a correction. */
export const MIN_SIMILARITY = 0.4;
/** At most this many corrections per word, the most similar first. */
export const MAX_EXPANSIONS = 3;

/**
 * Splits free text into lower-case, accent-free words, the way the search documents were built
 * (`lower(unaccent(...))`, split on anything that is not a letter or digit).
 * @param text - what the person typed
 * @returns distinct words of 2+ characters, in order, at most MAX_QUERY_WORDS
 */
export function tokenizeSearchText(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 2)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

/** What the lexicon says about one query word. */
export interface WordLookup {
  word: string;
  /** How many services contain the word (by stem), counted up to RARE_WORD_DOCUMENTS. */
  documents: number;
  /** A stop word ("the", "and"): full-text search ignores it. */
  stopWord: boolean;
  /** Lexicon words that look like this one (other stems only), with their trigram similarity. */
  candidates: { word: string; similarity: number }[];
}

/** One AND-ed group of the final query: the word itself, or any of its corrections. */
export interface SearchTerm {
  word: string;
  expansions: string[];
}

/**
 * Picks the corrections for each word, and drops stop words.
 * @param lookups - the lexicon lookups, one per query word, in query order
 * @returns the terms to search for; a word with no match and no correction still appears (it matches nothing)
 */
export function selectSearchTerms(lookups: WordLookup[]): SearchTerm[] {
  return lookups
    .filter((lookup) => !lookup.stopWord)
    .map((lookup) => ({ word: lookup.word, expansions: selectExpansions(lookup) }));
}

function selectExpansions(lookup: WordLookup): string[] {
  if (
    lookup.documents >= RARE_WORD_DOCUMENTS ||
    lookup.word.length < MIN_FUZZY_WORD_LENGTH ||
    /^[0-9]+$/.test(lookup.word)
  ) {
    return [];
  }
  return lookup.candidates
    .filter((c) => c.word !== lookup.word && c.similarity >= MIN_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity || a.word.localeCompare(b.word))
    .slice(0, MAX_EXPANSIONS)
    .map((c) => c.word);
}
