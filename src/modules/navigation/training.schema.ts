import { z } from 'zod';
import { parseForm, type FormResult } from '../../http/forms.ts';
import { trainingMessage as m } from './training.content.ts';

// The forms of a training attempt's steps. Whether a key is in the attempt's protocol is checked by the
// service, which has the protocol.

const list = z.preprocess(
  (value: unknown): unknown[] =>
    value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value],
  z.array(z.string().trim().min(1).max(40)).max(40),
);

const redFlagsForm = z.object({
  redFlag: z
    .string({ error: m('pages.trainingRedFlags.redFlag.validationError.required') })
    .trim()
    .min(1, { error: m('pages.trainingRedFlags.redFlag.validationError.required') })
    .max(40, { error: m('pages.trainingRedFlags.redFlag.validationError.required') }),
});

const needsForm = z.object({
  quickPick: list,
  needText: z
    .string()
    .trim()
    .max(1000, { error: m('pages.trainingNeeds.needText.validationError.tooLong') })
    .optional()
    .transform((text) => (text === undefined || text === '' ? null : text)),
});

const chooseForm = z.object({
  destination: z
    .string({ error: m('pages.trainingChoose.destination.validationError.required') })
    .trim()
    .min(1, { error: m('pages.trainingChoose.destination.validationError.required') })
    .max(40, { error: m('pages.trainingChoose.destination.validationError.required') }),
});

/**
 * The red-flag step's form: a flag's key, or 'none'.
 * @param body - the posted form
 */
export function parseRedFlags(body: unknown): FormResult<{ redFlag: string }> {
  return parseForm(redFlagsForm, body);
}

/**
 * The needs step's form: quick picks (possibly none, so free text is still checked) and free text.
 * @param body - the posted form
 */
export function parseNeeds(body: unknown): FormResult<{ quickPick: string[]; needText: string | null }> {
  return parseForm(needsForm, body);
}

/**
 * The choice step's form: a destination's key.
 * @param body - the posted form
 */
export function parseChoice(body: unknown): FormResult<{ destination: string }> {
  return parseForm(chooseForm, body);
}
