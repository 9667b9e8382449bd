// What a person sees when OpenID Connect sign-in does not end signed in. The refusal is the same page
// whatever the reason (no account, disabled, unverified address, linked to someone else): the reason is
// in the audit trail, not on a page anyone with a provider account can reach.

export type OidcProblem =
  'cancelled' | 'provider-error' | 'expired' | 'not-confirmed' | 'unavailable' | 'refused';

export interface OidcProblemPage {
  status: number;
  heading: string;
  paragraphs: string[];
}

const TRY_AGAIN = 'Try again, or sign in with your email address.';
const TRY_LATER = 'Try again later, or sign in with your email address.';

export const OIDC_PROBLEM_PAGES: Readonly<Record<OidcProblem, OidcProblemPage>> = {
  cancelled: {
    status: 400,
    heading: 'You did not finish signing in',
    paragraphs: [`Signing in with your identity provider was cancelled or refused. ${TRY_AGAIN}`],
  },
  'provider-error': {
    status: 400,
    heading: 'Your identity provider could not sign you in',
    paragraphs: [`Your identity provider reported a problem. ${TRY_AGAIN}`],
  },
  expired: {
    status: 400,
    heading: 'Your sign-in has expired',
    paragraphs: [
      'Signing in took more than 10 minutes, or was started in another browser window. Start again.',
    ],
  },
  'not-confirmed': {
    status: 502,
    heading: 'Sorry, signing in with your identity provider is not working',
    paragraphs: [`We could not confirm who you are with your identity provider. ${TRY_LATER}`],
  },
  unavailable: {
    status: 502,
    heading: 'Sorry, signing in with your identity provider is not working',
    paragraphs: [`Your identity provider cannot be reached at the moment. ${TRY_LATER}`],
  },
  refused: {
    status: 403,
    heading: 'There is no Signpost account for this identity',
    paragraphs: ['Ask your Signpost administrator to invite you.'],
  },
};
