import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { readDateInput } from '../../http/date-input.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { listPractices } from '../accounts/practice.repository.ts';
import { formRateLimit } from '../accounts/signin.routes.ts';
import { consentWording } from '../people/consent.schema.ts';
import type { ConsentRecord } from '../people/people.service.ts';
import { formList, formText } from '../people/person-fields.ts';
import { nowOf, todayOf, type PagesDeps } from '../people/staff-request.ts';
import type { NewReferral } from './referral.model.ts';
import { referralKey, submitReferral } from './referral.service.ts';
import { auditNewReferral } from './referral-intake.ts';
import { referralsMessage as m } from './referrals.content.ts';
import {
  PRACTICE_NOT_LISTED,
  parseSelfReferralForm,
  SELF_REFERRAL_FIELD_ORDER,
  type SelfReferralInput,
} from './self-referral.schema.ts';
import {
  checkFormStart,
  honeypotFilled,
  HONEYPOT_FIELD,
  signFormStart,
  STARTED_FIELD,
} from './spam-guard.ts';
import { needItems } from './referral.view-model.ts';

// The public self-referral form (no sign-in): plain words, spam protection without a CAPTCHA (honeypot,
// signed start time, rate limit), lands in the triage queue. Urgent words get a page saying what to do now.

export const SELF_REFERRAL_PATHS = { form: '/refer', sent: '/refer/sent' } as const;

const FORM_TEMPLATE = 'referrals/views/self-referral.njk';
const SENT_TEMPLATE = 'referrals/views/self-referral-sent.njk';

/** The words the person agrees to, stored with their consent. */
export const SELF_REFERRAL_CONTACT_WORDING =
  'The social prescribing team may contact me by phone, text message or email, using the details I have given.';

function formSecret(deps: PagesDeps): string {
  return deps.config.sessionSecret ?? processSecret;
}
// Without SESSION_SECRET, a secret for this process (the app makes one for cookies the same way).
const processSecret = randomBytes(32).toString('hex');

async function renderForm(
  deps: PagesDeps,
  reply: FastifyReply,
  view: { body: unknown; startedAt: string; submissionId: string; issues?: readonly FieldIssue[] },
): Promise<FastifyReply> {
  const practices = await listPractices(deps.db, deps.tenant.id);
  const { body } = view;
  const chosenPractice = formText(body, 'practiceId');
  return reply.view(FORM_TEMPLATE, {
    ...formErrorView(view.issues ?? [], SELF_REFERRAL_FIELD_ORDER),
    form: {
      givenName: formText(body, 'givenName'),
      familyName: formText(body, 'familyName'),
      dateOfBirth: readDateInput(body, 'dateOfBirth'),
      postcode: formText(body, 'postcode'),
      phone: formText(body, 'phone'),
      email: formText(body, 'email'),
      details: formText(body, 'details'),
      consentContact: formText(body, 'consentContact') === 'yes',
      consentReferral: formText(body, 'consentReferral') === 'yes',
    },
    practiceItems: [
      { value: '', text: 'Select your GP practice', selected: chosenPractice === '' },
      ...practices.map((p) => ({ value: p.id, text: p.name, selected: p.id === chosenPractice })),
      {
        value: PRACTICE_NOT_LISTED,
        text: 'My GP practice is not listed',
        selected: chosenPractice === PRACTICE_NOT_LISTED,
      },
    ],
    needItems: needItems(formList(body, 'needs')),
    startedAt: view.startedAt,
    submissionId: view.submissionId,
    honeypotField: HONEYPOT_FIELD,
    startedField: STARTED_FIELD,
    contactWording: SELF_REFERRAL_CONTACT_WORDING,
    referralWording: consentWording('social-prescribing'),
    csrfToken: reply.csrfToken(),
  });
}

function selfReferral(input: SelfReferralInput, key: string): NewReferral {
  const consents: ConsentRecord[] = [
    {
      change: { kind: 'social-prescribing', decision: 'given' },
      method: 'online',
      wording: consentWording('social-prescribing'),
    },
    ...(input.phone === null
      ? []
      : [
          {
            change: { kind: 'contact-sms' as const, granted: true },
            method: 'online' as const,
            wording: SELF_REFERRAL_CONTACT_WORDING,
          },
        ]),
    ...(input.email === null
      ? []
      : [
          {
            change: { kind: 'contact-email' as const, granted: true },
            method: 'online' as const,
            wording: SELF_REFERRAL_CONTACT_WORDING,
          },
        ]),
  ];
  return {
    person: {
      details: {
        nhsNumber: null,
        nhsNumberStatus: '03',
        givenName: input.givenName,
        familyName: input.familyName,
        dateOfBirth: input.dateOfBirth,
        postcode: input.postcode,
        phone: input.phone,
        email: input.email,
        preferredContact: input.phone === null ? 'email' : 'phone',
        practiceId: input.practiceId,
      },
    },
    source: 'self',
    referrer: null,
    practiceId: input.practiceId,
    reason: input.details ?? 'Self-referral: no details given',
    needs: input.needs,
    urgency: 'routine',
    riskInformation: null,
    consentConfirmed: true,
    consents,
    idempotencyKey: key,
  };
}

async function formGet(
  deps: PagesDeps,
  _request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return renderForm(deps, reply, {
    body: {},
    startedAt: signFormStart(formSecret(deps), nowOf(deps)),
    submissionId: randomUUID(),
  });
}

async function formPost(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = request.body;
  const now = nowOf(deps);
  const secret = formSecret(deps);
  const fresh = signFormStart(secret, now);
  const startedAt = formText(body, STARTED_FIELD);
  const submissionId = /^[A-Za-z0-9_-]{16,100}$/.test(formText(body, 'submissionId'))
    ? formText(body, 'submissionId')
    : randomUUID();
  const reject = (issues: FieldIssue[], keepStart: boolean): Promise<FastifyReply> => {
    reply.status(400);
    return renderForm(deps, reply, { body, startedAt: keepStart ? startedAt : fresh, submissionId, issues });
  };
  if (honeypotFilled(body)) {
    return reject([{ field: 'form', message: m('pages.selfReferral.form.validationError.spam') }], false);
  }
  const timing = checkFormStart(startedAt, secret, now);
  if (timing !== null) {
    const key = timing === 'invalid' ? 'spam' : timing;
    return reject(
      [{ field: 'form', message: m(`pages.selfReferral.form.validationError.${key}`) }],
      timing === 'tooFast',
    );
  }
  const parsed = parseSelfReferralForm(body, {
    today: todayOf(deps),
    practiceIds: (await listPractices(deps.db, deps.tenant.id)).map((p) => p.id),
  });
  if (!parsed.ok) {
    return reject(parsed.issues, true);
  }
  const result = await submitReferral(
    deps.db,
    { tenantId: deps.tenant.id },
    selfReferral(parsed.value, referralKey('self', parsed.value.submissionId)),
    {
      actor: { userId: null },
      afterCreate: (trx, created) => auditNewReferral(trx, request, deps.tenant.id, created, true),
    },
  );
  if (result.referral.flaggedForClinician) {
    return reply.view(SENT_TEMPLATE, { urgent: true });
  }
  return reply.redirect(SELF_REFERRAL_PATHS.sent, 303);
}

/**
 * The public self-referral pages.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and clock
 */
export function selfReferralRoutes(app: FastifyInstance, deps: PagesDeps): void {
  app.get(SELF_REFERRAL_PATHS.form, async (request, reply) => formGet(deps, request, reply));
  app.post(SELF_REFERRAL_PATHS.form, { config: { rateLimit: formRateLimit(deps) } }, async (request, reply) =>
    formPost(deps, request, reply),
  );
  app.get(SELF_REFERRAL_PATHS.sent, async (_request, reply) => reply.view(SENT_TEMPLATE, { urgent: false }));
}
