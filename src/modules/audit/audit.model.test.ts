import { describe, expect, it, test } from 'vitest';
import { MAX_DETAILS_CHARS, normalizeAuditEntry, storableText, type AuditEntry } from './audit.model.ts';

describe('normalizeAuditEntry', () => {
  it('stores omitted fields as null, outcome as success and details as {}', () => {
    expect(normalizeAuditEntry({ action: 'signout' })).toEqual({
      occurredAt: null,
      actorUserId: null,
      actorName: null,
      actorRole: null,
      actorOrganisationId: null,
      actorOrganisationName: null,
      action: 'signout',
      outcome: 'success',
      subjectType: null,
      subjectId: null,
      subjectLabel: null,
      purpose: null,
      sourceIp: null,
      userAgent: null,
      route: null,
      details: {},
    });
  });

  it('keeps every given value, with ids in lower case as PostgreSQL returns them', () => {
    const occurredAt = new Date('2026-11-22T09:00:00.001Z');
    const normalized = normalizeAuditEntry({
      action: 'read',
      outcome: 'denied',
      occurredAt,
      actorUserId: '7C3E9F10-0000-4000-8000-00000000000A',
      actorName: 'Siân Jones',
      actorRole: 'link_worker',
      actorOrganisationId: '1d2e3f40-0000-4000-8000-000000000004',
      actorOrganisationName: 'Riverside PCN',
      subjectType: 'patient',
      subjectId: 'a1b2',
      subjectLabel: 'Patient record',
      purpose: 'direct-care',
      sourceIp: '2001:db8::1',
      userAgent: 'Mozilla/5.0',
      route: 'GET /app/people/:id',
      details: { fields: ['phone'], count: 1 },
    });
    expect(normalized).toMatchObject({
      occurredAt,
      actorUserId: '7c3e9f10-0000-4000-8000-00000000000a',
      outcome: 'denied',
      subjectId: 'a1b2',
      details: { fields: ['phone'], count: 1 },
    });
  });

  it('cuts client-controlled text to the column limit by code point, never splitting a pair', () => {
    const userAgent = `${'x'.repeat(511)}😀😀`;
    const cut = normalizeAuditEntry({ action: 'signin', userAgent }).userAgent;
    expect(cut).toBe(`${'x'.repeat(511)}😀`);
    expect(Array.from(cut ?? '')).toHaveLength(512);
  });

  it('drops undefined members and turns NaN into null, as the JSON stored will', () => {
    const details = { a: undefined, b: Number.NaN, c: [1, undefined] } as unknown as AuditEntry['details'];
    expect(normalizeAuditEntry({ action: 'update', details }).details).toEqual({ b: null, c: [1, null] });
  });

  it('removes NUL and replaces lone surrogates in details keys and values', () => {
    const details = { 'k\u0000': 'a\uD800b' };
    expect(normalizeAuditEntry({ action: 'update', details }).details).toEqual({ k: 'a\uFFFDb' });
  });

  const invalid: [string, AuditEntry, RegExp][] = [
    ['a user id that is not a UUID', { action: 'read', actorUserId: '42' }, /actorUserId must be a UUID/],
    [
      'an organisation id that is not a UUID',
      { action: 'read', actorOrganisationId: 'x' },
      /actorOrganisationId must be a UUID/,
    ],
    ['an unknown action', { action: 'peek' as AuditEntry['action'] }, /action "peek" is not one of read,/],
    ['an unknown outcome', { action: 'read', outcome: 'ok' as AuditEntry['outcome'] }, /outcome "ok"/],
    [
      'an unknown subject type',
      { action: 'read', subjectType: 'cat' as AuditEntry['subjectType'], subjectId: '1' },
      /subjectType "cat"/,
    ],
    ['a subject id without a type', { action: 'read', subjectId: 'a1b2' }, /subjectId needs a subjectType/],
    ['an invalid date', { action: 'read', occurredAt: new Date('nope') }, /occurredAt is not a valid date/],
    [
      'details larger than the limit',
      { action: 'update', details: { body: 'x'.repeat(MAX_DETAILS_CHARS) } },
      /details must be under 4096 characters/,
    ],
  ];
  test.each(invalid)('refuses %s', (_name, entry, message) => {
    expect(() => normalizeAuditEntry(entry)).toThrow(message);
  });
});

describe('storableText', () => {
  it('leaves ordinary text, including surrogate pairs, alone', () => {
    expect(storableText('Siân 😀 O’Brien')).toBe('Siân 😀 O’Brien');
  });

  it('removes NUL characters and replaces unpaired surrogates', () => {
    expect(storableText('a\u0000b\uDC00c\uD83D')).toBe('ab\uFFFDc\uFFFD');
  });
});
