import PDFDocument from 'pdfkit';
import { renderFragment } from './fragment-render.ts';
import type { Letter } from './message-back.model.ts';

// The message back letter as HTML (a Nunjucks fragment, autoescaped, stored with the message) and as a
// PDF (pdfkit, pure JavaScript). Both render the same `Letter`.

/**
 * The letter as an HTML fragment (NHS.UK classes), for message_back.body_html.
 * @param letter - the letter
 */
export function renderLetterHtml(letter: Letter): string {
  return renderFragment('casework/views/message-back-letter.njk', { letter });
}

// The PDF's built-in Helvetica covers Windows-1252 only: other letters lose their accents (NFKD) and
// anything still outside it prints as "?", rather than as a wrong glyph.
/**
 * Text the PDF's standard font can draw.
 * @param text - any text
 */
export function pdfSafeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\n\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu, '?');
}

function writeSection(doc: PDFKit.PDFDocument, section: Letter['sections'][number]): void {
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(pdfSafeText(section.heading));
  doc.font('Helvetica').fontSize(11);
  for (const paragraph of section.paragraphs) {
    doc.moveDown(0.4).text(pdfSafeText(paragraph));
  }
  for (const row of section.rows) {
    doc.moveDown(0.3);
    doc.font('Helvetica-Bold').text(`${pdfSafeText(row.key)}: `, { continued: true });
    doc.font('Helvetica').text(pdfSafeText(row.value));
  }
  for (const item of section.items) {
    doc.moveDown(0.3).text(`•  ${pdfSafeText(item)}`, { indent: 10 });
  }
}

/**
 * The letter as an A4 PDF.
 * @param letter - the letter
 * @param meta - the creation date (for reproducible files); compress: false leaves the text readable (tests)
 */
export async function renderLetterPdf(
  letter: Letter,
  meta: { createdAt: Date; compress?: boolean },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: meta.compress ?? true,
    info: { Title: pdfSafeText(letter.title), Creator: 'Signpost', CreationDate: meta.createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(pdfSafeText(letter.title));
  doc.font('Helvetica').fontSize(11).moveDown(0.8).text(pdfSafeText(letter.addressee));
  doc.moveDown(0.5).text(pdfSafeText(letter.opening));
  for (const section of letter.sections) {
    writeSection(doc, section);
  }
  doc.moveDown(1).text(pdfSafeText(letter.closing));
  doc.end();
  return done;
}
