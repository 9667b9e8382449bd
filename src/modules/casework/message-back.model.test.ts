import { describe, expect, it } from 'vitest';
import { composeLetter, MESSAGE_BACK_SCHEMA, type MessageBackCoded } from './message-back.model.ts';
import { pdfSafeText, renderLetterHtml, renderLetterPdf } from './message-back.render.ts';

const coded: MessageBackCoded = {
  schema: MESSAGE_BACK_SCHEMA,
  stage: 'first-contact',
  event: { name: 'first-contact', label: 'First contact with the link worker', date: '2026-04-14' },
  snomed: { code: '871731000000106', term: 'Referral to social prescribing service (procedure)' },
  patient: { nhsNumber: '9990000018', name: 'Zoë <b>Smith</b>', dateOfBirth: '1950-02-03' },
  practice: { name: 'Hyde Park Surgery', odsCode: 'B86001' },
  referral: { id: 'r1', receivedOn: '2026-04-01', referrerName: 'Dr Patel', referrerOrganisation: null },
  linkWorker: { name: 'Lee Worker' },
  needs: [{ code: 'loneliness', label: 'Loneliness and isolation' }],
  dates: { referred: '2026-04-01', accepted: '2026-04-02', firstContact: '2026-04-14', discharged: null },
  onwardReferrals: [{ service: 'Walking Group', kind: 'referred', status: 'Accepted' }],
  outcome: { code: 'first-contact', label: 'First contact made with the link worker', detail: null },
};

describe('the message back letter', () => {
  it('says what happened, to whom, and what to code', () => {
    const letter = composeLetter(coded);
    expect(letter.title).toBe('Social prescribing: first contact made');
    expect(letter.addressee).toBe('To Dr Patel, and the GP practice');
    expect(letter.opening).toBe(
      'Zoë <b>Smith</b> had their first contact with a social prescribing link worker on 14 April 2026.',
    );
    const rows = letter.sections.flatMap((s) => s.rows);
    expect(rows).toContainEqual({ key: 'NHS number', value: '999 000 0018' });
    expect(rows).toContainEqual({ key: 'GP practice', value: 'Hyde Park Surgery (B86001)' });
    expect(letter.sections.flatMap((s) => s.items)).toEqual(['Walking Group (referred): Accepted']);
    expect(letter.sections.at(-1)?.paragraphs[0]).toContain('871731000000106');
  });

  it('says no code is needed when none was written', () => {
    const letter = composeLetter({ ...coded, stage: 'accepted', snomed: null });
    expect(letter.sections.at(-1)?.paragraphs).toEqual([
      'No SNOMED CT code needs to be added to the GP record for this message.',
    ]);
  });

  it('escapes what people typed in the HTML', () => {
    const html = renderLetterHtml(composeLetter(coded));
    expect(html).toContain('Zoë &lt;b&gt;Smith&lt;/b&gt;');
    expect(html).not.toContain('<b>Smith');
  });

  it('renders the same words as a PDF', async () => {
    const pdf = await renderLetterPdf(composeLetter(coded), {
      createdAt: new Date('2026-04-14T10:00:00Z'),
      compress: false,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // pdfkit writes each line as a TJ array of hex strings, split where it kerns.
    const lines = [...pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)].map((m) =>
      [...m[1].matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''),
    );
    expect(lines).toContain('Social prescribing: first contact made');
    expect(lines.join('\n')).toContain('Hyde Park Surgery (B86001)');
    expect(lines.join('\n')).toContain('Zoe <b>Smith</b>');
  });

  it('draws only what the PDF standard font can draw', () => {
    expect(pdfSafeText('Zoë – “hi” £5 Łódź 日本')).toBe('Zoe – “hi” £5 ?odz ??');
  });
});
