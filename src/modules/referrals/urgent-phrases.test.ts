import { describe, expect, it } from 'vitest';
import { findUrgentPhrases, normaliseForPhrases, URGENT_PHRASES } from './urgent-phrases.ts';

describe('urgent phrases in free text', () => {
  it.each([
    ['I have been feeling suicidal lately', ['suicid']],
    ['Mentions SUICIDE twice. Suicide.', ['suicid']],
    ['says he wants to kill myself', ['kill myself']],
    ['I can’t breathe properly at night', ["can't breathe"]],
    ['I cant breathe', ["can't breathe"]],
    ['history of self-harm', ['self harm']],
    ['history of self  harm', ['self harm']],
    ['took an overdose last year; chest pain now', ['overdose', 'chest pain']],
    ['I just want to end my life', ['end my life']],
    ['"Overdose" last night', ['overdose']],
    ['patient said: “chest pain”', ['chest pain']],
    ['(collapsed at home)', ['collapsed']],
    ['Reason:suicidal thoughts', ['suicid']],
  ])('finds the phrases in "%s"', (text, expected) => {
    expect(findUrgentPhrases([text])).toEqual(expected);
  });

  it.each([
    'Lonely since her husband died; would like a walking group',
    'Needs help with debts and benefits',
    'Breathe easy group for COPD',
    'Fitness classes',
    '',
  ])('finds nothing in "%s"', (text) => {
    expect(findUrgentPhrases([text])).toEqual([]);
  });

  it('only matches where a word starts', () => {
    expect(findUrgentPhrases(['unfitting shoes'])).toEqual([]);
    expect(findUrgentPhrases(['fitting at home'])).toEqual(['fitting']);
  });

  it('looks at every text given, skipping empty ones, and does not join words across them', () => {
    expect(findUrgentPhrases([null, 'Feels lonely', undefined, 'Risk: took an overdose'])).toEqual([
      'overdose',
    ]);
    expect(findUrgentPhrases(['chest', 'pain'])).toEqual([]);
  });

  it('takes a local list instead of the shipped one', () => {
    expect(findUrgentPhrases(['Feeling hopeless'], ['hopeless'])).toEqual(['hopeless']);
    expect(findUrgentPhrases(['suicidal'], ['hopeless'])).toEqual([]);
  });

  it('ships the phrases the clinical safety case names', () => {
    for (const phrase of [
      'suicid',
      'kill myself',
      'overdose',
      'chest pain',
      "can't breathe",
      'self harm',
      'harm myself',
      'end my life',
    ]) {
      expect(URGENT_PHRASES).toContain(phrase);
    }
    expect(normaliseForPhrases("  Can't   BREATHE ")).toBe('cant breathe');
  });
});
