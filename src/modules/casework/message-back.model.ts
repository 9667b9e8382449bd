import type { MessageBackStage } from './casework.tables.ts';

// The PRSB "message back to GP and referrer" (DOMAIN.md 3.2): a structured, coded summary (stored as
// message_back.coded) and the readable letter made from it. The letter's HTML (Nunjucks) and its PDF
// (pdfkit) are both drawn from `composeLetter`, so they always say the same thing.

export const MESSAGE_BACK_SCHEMA = 'signpost-message-back/1';

/** The structured summary: everything the letter says, in fields a GP system could file. */
export interface MessageBackCoded {
  schema: typeof MESSAGE_BACK_SCHEMA;
  stage: MessageBackStage;
  event: { name: string; label: string; date: string };
  /** The SNOMED CT code written for this event, when the tenant's code table allowed one. */
  snomed: { code: string; term: string } | null;
  patient: { nhsNumber: string | null; name: string; dateOfBirth: string };
  practice: { name: string; odsCode: string | null } | null;
  referral: {
    id: string;
    receivedOn: string;
    referrerName: string | null;
    referrerOrganisation: string | null;
  };
  linkWorker: { name: string } | null;
  needs: { code: string; label: string }[];
  dates: {
    referred: string;
    accepted: string | null;
    firstContact: string | null;
    discharged: string | null;
  };
  onwardReferrals: { service: string; kind: string; status: string }[];
  outcome: { code: string; label: string; detail: string | null };
}

export interface LetterRow {
  key: string;
  value: string;
}

export interface LetterSection {
  heading: string;
  paragraphs: string[];
  rows: LetterRow[];
  items: string[];
}

/** The letter's text, in reading order: the same words on the page, in the stored HTML and in the PDF. */
export interface Letter {
  title: string;
  addressee: string;
  opening: string;
  sections: LetterSection[];
  closing: string;
}

const STAGE_TITLES: Record<MessageBackStage, string> = {
  accepted: 'Social prescribing referral accepted',
  declined: 'Social prescribing referral not taken on',
  'first-contact': 'Social prescribing: first contact made',
  discharge: 'Social prescribing: discharge summary',
};

function longDate(iso: string | null): string {
  if (iso === null) {
    return 'Not yet';
  }
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function formatNhs(digits: string | null): string {
  return digits === null ? 'Not known' : `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

function openingFor(coded: MessageBackCoded): string {
  const name = coded.patient.name;
  switch (coded.stage) {
    case 'accepted':
      return `We have accepted the referral of ${name} to social prescribing on ${longDate(coded.event.date)}.`;
    case 'declined':
      return `We have not taken on the referral of ${name} to social prescribing (${longDate(coded.event.date)}).`;
    case 'first-contact':
      return `${name} had their first contact with a social prescribing link worker on ${longDate(coded.event.date)}.`;
    case 'discharge':
      return `${name} was discharged from social prescribing on ${longDate(coded.event.date)}.`;
  }
}

function personSection(coded: MessageBackCoded): LetterSection {
  return {
    heading: 'About the person',
    paragraphs: [],
    rows: [
      { key: 'Name', value: coded.patient.name },
      { key: 'NHS number', value: formatNhs(coded.patient.nhsNumber) },
      { key: 'Date of birth', value: longDate(coded.patient.dateOfBirth) },
      {
        key: 'GP practice',
        value:
          coded.practice === null
            ? 'Not recorded'
            : `${coded.practice.name}${coded.practice.odsCode === null ? '' : ` (${coded.practice.odsCode})`}`,
      },
    ],
    items: [],
  };
}

function episodeSection(coded: MessageBackCoded): LetterSection {
  return {
    heading: 'Social prescribing',
    paragraphs: [],
    rows: [
      { key: 'Outcome', value: coded.outcome.label },
      ...(coded.outcome.detail === null ? [] : [{ key: 'Details', value: coded.outcome.detail }]),
      { key: 'Referred', value: longDate(coded.dates.referred) },
      ...(coded.dates.accepted === null ? [] : [{ key: 'Accepted', value: longDate(coded.dates.accepted) }]),
      ...(coded.dates.firstContact === null
        ? []
        : [{ key: 'First contact', value: longDate(coded.dates.firstContact) }]),
      ...(coded.dates.discharged === null
        ? []
        : [{ key: 'Discharged', value: longDate(coded.dates.discharged) }]),
      { key: 'Link worker', value: coded.linkWorker?.name ?? 'Not yet allocated' },
      {
        key: 'Needs and concerns',
        value: coded.needs.length === 0 ? 'None recorded' : coded.needs.map((n) => n.label).join(', '),
      },
    ],
    items: [],
  };
}

function codeSection(coded: MessageBackCoded): LetterSection {
  return {
    heading: 'For the GP record',
    paragraphs:
      coded.snomed === null
        ? ['No SNOMED CT code needs to be added to the GP record for this message.']
        : [
            `Please add SNOMED CT ${coded.snomed.code} “${coded.snomed.term}”, dated ${longDate(coded.event.date)}, if your system has not received it already.`,
          ],
    rows: [],
    items: [],
  };
}

/**
 * The letter for a message back, from its coded summary.
 * @param coded - the structured summary
 */
export function composeLetter(coded: MessageBackCoded): Letter {
  const sections = [personSection(coded), episodeSection(coded)];
  if (coded.onwardReferrals.length > 0) {
    sections.push({
      heading: 'Support they were referred or signposted to',
      paragraphs: [],
      rows: [],
      items: coded.onwardReferrals.map((o) => `${o.service} (${o.kind}): ${o.status}`),
    });
  }
  sections.push(codeSection(coded));
  const referrer = [coded.referral.referrerName, coded.referral.referrerOrganisation]
    .filter((v) => v !== null && v !== '')
    .join(', ');
  return {
    title: STAGE_TITLES[coded.stage],
    addressee:
      referrer === '' ? 'To the GP practice and the referrer' : `To ${referrer}, and the GP practice`,
    opening: openingFor(coded),
    sections,
    closing:
      coded.linkWorker === null
        ? 'From the social prescribing team'
        : `From ${coded.linkWorker.name}, social prescribing link worker`,
  };
}
