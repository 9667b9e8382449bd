import type { FastifyReply } from 'fastify';
import type { FieldIssue } from '../../http/errors.ts';
import { formErrorView, NO_FORM_ERRORS } from '../../http/forms.ts';
import { INVITATION_DAYS } from './invitation.service.ts';
import { PASSWORD_MIN_LENGTH } from './password.ts';
import { RESET_LINK_MINUTES } from './password-reset.service.ts';

// Rendering shared by the account, two-step, password reset and invitation pages.

export const ACCOUNT_VIEWS = {
  account: 'accounts/views/account.njk',
  changePassword: 'accounts/views/change-password.njk',
  verify: 'accounts/views/verify.njk',
  twoStepSetup: 'accounts/views/two-step-setup.njk',
  twoStepOn: 'accounts/views/two-step-on.njk',
  forgot: 'accounts/views/forgot-password.njk',
  forgotSent: 'accounts/views/forgot-password-sent.njk',
  newPassword: 'accounts/views/new-password.njk',
  linkExpired: 'accounts/views/link-expired.njk',
} as const;

type AccountView = (typeof ACCOUNT_VIEWS)[keyof typeof ACCOUNT_VIEWS];

/**
 * Renders a page with a form: first time (no problems), or rejected with status 400, the NHS.UK error
 * summary and each field's message (the context carries what was typed, never a password).
 * @param reply - the reply
 * @param template - one of ACCOUNT_VIEWS
 * @param context - the page's values
 * @param problems - the field issues and the order of the fields on the page, when the form was rejected
 */
export function showForm(
  reply: FastifyReply,
  template: AccountView,
  context: Record<string, unknown>,
  problems?: { issues: readonly FieldIssue[]; order: readonly string[] },
): FastifyReply {
  if (problems !== undefined) {
    reply.status(400);
  }
  return reply.view(template, {
    ...(problems === undefined ? NO_FORM_ERRORS : formErrorView(problems.issues, problems.order)),
    form: {},
    csrfToken: reply.csrfToken(),
    passwordMinLength: PASSWORD_MIN_LENGTH,
    linkMinutes: RESET_LINK_MINUTES,
    invitationDays: INVITATION_DAYS,
    ...context,
  });
}

/**
 * The page for a reset or invitation link that does not work: 404 for a token never issued, 410 for one
 * used, expired or replaced.
 * @param reply - the reply
 * @param kind - which kind of link
 * @param state - unknown or spent
 */
export function showLinkExpired(
  reply: FastifyReply,
  kind: 'reset' | 'invitation',
  state: 'unknown' | 'spent',
): FastifyReply {
  reply.status(state === 'unknown' ? 404 : 410);
  return showForm(reply, ACCOUNT_VIEWS.linkExpired, { invitation: kind === 'invitation' });
}
