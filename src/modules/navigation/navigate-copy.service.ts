import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { findPractice } from '../accounts/practice.repository.ts';
import { loadServiceGraphs } from '../directory/directory-read.repository.ts';
import { buildServicePageView, type ServicePageView } from '../directory/service-page.view-model.ts';
import { enqueueEmail, enqueueSms } from '../notify/notify.service.ts';
import { recordConsent } from '../people/people.service.ts';
import { patientCopySms, patientCopyText, type CopyContent } from './navigate-copy.ts';
import type { CopyInput } from './navigate.schema.ts';
import { writeStep } from './navigate.service.ts';
import type { NavigationRecord } from './navigation-record.repository.ts';
import type { Destination, NavigationProtocol } from './protocol.model.ts';

// Step 5: the patient's own copy of what was agreed, by text message or email (queued in the outbox in the
// same transaction, with their consent to be contacted that way recorded), on paper, or none.

/** What was agreed, for the copy and the printed social prescription. */
export interface AgreedDestination {
  content: CopyContent;
  /** The protocol destination chosen, if any. */
  destination: Destination | null;
  /** The directory service chosen, as its page shows it, if any. */
  service: ServicePageView | null;
}

function serviceContactLines(view: ServicePageView): string[] {
  const phone = view.phones.at(0) ?? view.contacts.flatMap((c) => c.phones).at(0);
  const place = view.places.at(0);
  const times = view.schedules.map((s) => s.text).find((t): t is string => t !== null);
  return [
    ...(phone === undefined ? [] : [`Phone: ${phone.number}`]),
    ...(place === undefined
      ? []
      : [`Address: ${[place.name, ...place.lines].filter((l) => l !== null && l !== '').join(', ')}`]),
    ...(times === undefined ? [] : [`Open: ${times}`]),
    ...(view.website === null ? [] : [`Website: ${view.website}`]),
  ];
}

/**
 * What the patient agreed, with the words and contact details their copy needs.
 * @param db - the database
 * @param deps - the tenant, the configuration and the time
 * @param navigation - the record (with an outcome) and its protocol
 */
export async function agreedDestination(
  db: Kysely<Database>,
  deps: { tenantId: string; config: Config; now: Date },
  navigation: { record: NavigationRecord; protocol: NavigationProtocol },
): Promise<AgreedDestination> {
  const { record, protocol } = navigation;
  const outcome = record.outcome === null || record.outcome === 'red-flag' ? 'declined' : record.outcome;
  const practice =
    record.practiceId === null ? undefined : await findPractice(db, deps.tenantId, { id: record.practiceId });
  const destination =
    record.destinationKind === 'protocol'
      ? (protocol.content.destinations.find((d) => d.key === record.destinationKey) ?? null)
      : null;
  let service: ServicePageView | null = null;
  if (record.destinationKind === 'service' && record.destinationKey !== null) {
    const graph = (await loadServiceGraphs(db, deps.tenantId, [record.destinationKey])).get(
      record.destinationKey,
    );
    service =
      graph === undefined
        ? null
        : buildServicePageView(graph, {
            now: deps.now,
            capacityStaleDays: deps.config.capacityStaleDays,
            listingStaleDays: deps.config.listingStaleDays,
          });
  }
  return {
    destination,
    service,
    content: {
      outcome,
      practiceName: practice?.name ?? null,
      destinationName: record.destinationName,
      howToAccess: outcome === 'gp' ? null : (destination?.howToAccess ?? service?.referralRoutes[0] ?? null),
      contactLines: service === null ? [] : serviceContactLines(service),
    },
  };
}

const CONSENT_WORDING = {
  sms: 'The patient agreed to be sent a text message with a copy of what was agreed at their care navigation.',
  email: 'The patient agreed to be sent an email with a copy of what was agreed at their care navigation.',
} as const;

/**
 * Step 5: records the copy (and sends it by text message or email through the outbox).
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param copy - the locked record at the copy step, the form, what was agreed, who
 * @returns the outbox message's id, if one was queued
 */
export async function recordCopy(
  trx: Transaction<Database>,
  tenantId: string,
  copy: { record: NavigationRecord; input: CopyInput; content: CopyContent; actorUserId: string },
): Promise<string | null> {
  const { record, input } = copy;
  const full = patientCopyText(copy.content);
  let messageId: string | null = null;
  let text = full;
  if (input.channel === 'sms') {
    text = patientCopySms(copy.content);
    messageId = (await enqueueSms(trx, tenantId, { to: input.to, text, template: 'navigation-copy' })).id;
  } else if (input.channel === 'email') {
    messageId = (
      await enqueueEmail(trx, tenantId, {
        to: input.to,
        subject: 'What we agreed at your GP practice today',
        text: full,
        template: 'navigation-copy',
      })
    ).id;
  }
  const contacted = input.channel === 'sms' || input.channel === 'email';
  if (contacted && record.patientId !== null) {
    await recordConsent(
      trx,
      tenantId,
      record.patientId,
      {
        change: { kind: input.channel === 'sms' ? 'contact-sms' : 'contact-email', granted: true },
        method: 'verbal',
        wording: CONSENT_WORDING[input.channel],
      },
      copy.actorUserId,
    );
  }
  await writeStep(trx, tenantId, record, {
    copy_channel: input.channel,
    copy_text: input.channel === 'none' ? null : text,
    copy_recipient: contacted ? input.to : null,
    copy_message_id: messageId,
    contact_consent: contacted ? true : null,
  });
  return messageId;
}
