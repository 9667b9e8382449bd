import { describe, expect, it } from 'vitest';
import {
  MAX_EXPANSIONS,
  MAX_QUERY_WORDS,
  RARE_WORD_DOCUMENTS,
  selectSearchTerms,
  tokenizeSearchText,
  type WordLookup,
} from './search-text.ts';

describe('tokenizeSearchText', () => {
  it.each([
    ['Walking  Group', ['walking', 'group']],
    ['Café crèche', ['cafe', 'creche']],
    ["carer's self-management", ['carer', 'self', 'management']],
    ['a b cv', ['cv']],
    ['lonely LONELY lonely', ['lonely']],
    ['   ', []],
    ['<script>alert(1)</script>', ['script', 'alert']],
  ])('%j -> %j', (text, words) => {
    expect(tokenizeSearchText(text)).toEqual(words);
  });

  it('keeps at most MAX_QUERY_WORDS words and cuts very long ones', () => {
    const many = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    expect(tokenizeSearchText(many)).toHaveLength(MAX_QUERY_WORDS);
    expect(tokenizeSearchText('x'.repeat(100))[0]).toHaveLength(40);
  });
});

const lookup = (overrides: Partial<WordLookup> & { word: string }): WordLookup => ({
  documents: 0,
  stopWord: false,
  candidates: [],
  ...overrides,
});

describe('selectSearchTerms', () => {
  it('corrects an unknown word with its most similar lexicon words', () => {
    const terms = selectSearchTerms([
      lookup({
        word: 'befreinding',
        candidates: [
          { word: 'befriending', similarity: 0.5 },
          { word: 'befriend', similarity: 0.24 },
        ],
      }),
    ]);
    expect(terms).toEqual([{ word: 'befreinding', expansions: ['befriending'] }]);
  });

  it('does not correct a word many services use, so walking is not widened to talking', () => {
    const terms = selectSearchTerms([
      lookup({
        word: 'walking',
        documents: RARE_WORD_DOCUMENTS,
        candidates: [{ word: 'talking', similarity: 0.45 }],
      }),
    ]);
    expect(terms).toEqual([{ word: 'walking', expansions: [] }]);
  });

  it('corrects a word only a few services use, so a misspelt listing does not hide the rest', () => {
    const terms = selectSearchTerms([
      lookup({
        word: 'befreinding',
        documents: RARE_WORD_DOCUMENTS - 1,
        candidates: [{ word: 'befriending', similarity: 0.5 }],
      }),
    ]);
    expect(terms).toEqual([{ word: 'befreinding', expansions: ['befriending'] }]);
  });

  it('drops stop words and keeps the order of the rest', () => {
    const terms = selectSearchTerms([
      lookup({ word: 'help', documents: 3 }),
      lookup({ word: 'with', stopWord: true }),
      lookup({ word: 'debt', documents: 3 }),
    ]);
    expect(terms.map((t) => t.word)).toEqual(['help', 'debt']);
  });

  it('keeps the best MAX_EXPANSIONS corrections, most similar first, ties by word', () => {
    const candidates = [
      { word: 'd', similarity: 0.41 },
      { word: 'b', similarity: 0.6 },
      { word: 'a', similarity: 0.6 },
      { word: 'c', similarity: 0.5 },
      { word: 'cousnelling', similarity: 1 },
    ];
    const [term] = selectSearchTerms([lookup({ word: 'cousnelling', candidates })]);
    expect(term.expansions).toEqual(['a', 'b', 'c'].slice(0, MAX_EXPANSIONS));
  });

  it.each([
    ['short words', 'yga'],
    ['numbers', '1234'],
  ])('does not correct %s', (_name, word) => {
    const [term] = selectSearchTerms([lookup({ word, candidates: [{ word: 'yoga', similarity: 0.9 }] })]);
    expect(term.expansions).toEqual([]);
  });

  it('keeps an unknown word with no close spelling, so the search finds nothing rather than everything', () => {
    expect(
      selectSearchTerms([lookup({ word: 'xyzzy', candidates: [{ word: 'fuzzy', similarity: 0.2 }] })]),
    ).toEqual([{ word: 'xyzzy', expansions: [] }]);
  });
});
