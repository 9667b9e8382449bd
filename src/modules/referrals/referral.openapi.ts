import { NEED_CODES } from '../directory/vocabulary.ts';
import { URGENCIES } from './referral.model.ts';
import { REFERRAL_API_PATHS } from './referral-api.routes.ts';

// The OpenAPI description of POST /api/referrals, served within /api/openapi.json. The response schema
// mirrors referralJson; the route test validates real responses against it.

const nullableString = (maxLength: number): Record<string, unknown> => ({
  anyOf: [{ type: 'string', maxLength }, { type: 'null' }],
});

const errorResponse = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

export const referralOpenApiSchemas = {
  NewReferral: {
    type: 'object',
    additionalProperties: false,
    required: ['reason', 'needs', 'consentConfirmed'],
    description:
      'Who (an NHS number, or given name, family name, date of birth and postcode), why, needs, urgency, risk and consent. An NHS number that matches a record uses it; otherwise a record is created, which needs the name and date of birth.',
    properties: {
      nhsNumber: { ...nullableString(20), description: '10 digits; spaces or hyphens allowed' },
      givenName: nullableString(200),
      familyName: nullableString(200),
      dateOfBirth: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
      postcode: nullableString(64),
      phone: nullableString(40),
      reason: { type: 'string', minLength: 1, maxLength: 4000 },
      needs: { type: 'array', minItems: 1, items: { enum: NEED_CODES } },
      urgency: { enum: [...URGENCIES], default: 'routine' },
      riskInformation: nullableString(4000),
      consentConfirmed: { const: true, description: 'The person agrees to be referred' },
      practiceId: {
        anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }],
        description: "Required unless the referrer's organisation is a GP practice",
      },
    },
  },
  Referral: {
    type: 'object',
    additionalProperties: false,
    required: [
      'id',
      'status',
      'source',
      'patientId',
      'practiceId',
      'needs',
      'urgency',
      'flaggedForClinician',
      'receivedAt',
      'href',
    ],
    properties: {
      id: { type: 'string', format: 'uuid' },
      status: { enum: ['new', 'accepted', 'declined', 'redirected', 'closed'] },
      source: { type: 'string' },
      patientId: { type: 'string', format: 'uuid' },
      practiceId: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] },
      needs: { type: 'array', items: { enum: NEED_CODES } },
      urgency: { enum: [...URGENCIES] },
      flaggedForClinician: {
        type: 'boolean',
        description:
          'Urgent words were found in the reason or risk information: a clinician reviews it first',
      },
      receivedAt: { type: 'string', format: 'date-time' },
      href: { type: 'string', description: 'The referral page' },
    },
  },
};

const referralResponse = (description: string): Record<string, unknown> => ({
  description,
  headers: { Location: { schema: { type: 'string' }, description: 'The referral page' } },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Referral' } } },
});

export const referralOpenApiPaths = {
  [REFERRAL_API_PATHS.referrals]: {
    post: {
      summary: 'Refer someone to social prescribing',
      description:
        'Signed-in staff and partners (a session cookie, and the CSRF token in the x-csrf-token header). Idempotent: the first request with an Idempotency-Key creates the referral (201); a retry with the same key returns the same referral (200), never a second one.',
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description: 'A unique key per referral (1 to 200 printable characters), such as a UUID',
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
      ],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/NewReferral' } } },
      },
      responses: {
        '201': referralResponse('The referral was created'),
        '200': referralResponse('A retry: the referral created earlier with this Idempotency-Key'),
        '400': errorResponse('Invalid input, naming each field; or no Idempotency-Key'),
        '401': errorResponse('Not signed in'),
        '403': errorResponse('The role acted in may not refer, or the CSRF token is missing or wrong'),
      },
    },
  },
};
