import type { LightMyRequestResponse } from 'fastify';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import type { NavigationProtocolTable } from '../../src/modules/navigation/navigation.tables.ts';
import type { TestAgent } from './accounts.ts';
import { formFields } from './html-form.ts';

// A clinician working on the navigation protocol pages as a browser would: every form is loaded, its
// fields as shown are changed, and the whole form is posted.

export const PROTOCOL_BASE = '/app/navigation/protocol';
export type FormFieldValues = Record<string, string>;

export interface ProtocolClient {
  row: (id: string) => Promise<Selectable<NavigationProtocolTable>>;
  /** Posts "Start a draft" for a scope ('pcn' or a practice id); returns the response. */
  startDraft: (scope: string) => Promise<LightMyRequestResponse>;
  /** Loads `url`, changes the fields of the form posting to `action`, posts it. */
  submit: (
    url: string,
    action: string,
    change: (f: FormFieldValues) => void,
  ) => Promise<LightMyRequestResponse>;
  /** Edits a draft's section form ('red-flags', 'quick-picks', 'destinations'). */
  editSection: (
    id: string,
    section: string,
    change: (f: FormFieldValues) => void,
  ) => Promise<LightMyRequestResponse>;
}

/**
 * The draft a "Start a draft" response redirects to.
 * @param response - the response
 */
export function draftIdOf(response: LightMyRequestResponse): string {
  const location = String(response.headers.location);
  const match = /\/app\/navigation\/protocol\/([0-9a-f-]{36})\?done=/.exec(location);
  if (match?.[1] === undefined) {
    throw new Error(`Not a redirect to a draft: ${response.statusCode} ${location}`);
  }
  return match[1];
}

/**
 * The form index of the item with this key (from its hidden `item-<n>-key` field).
 * @param fields - a section form's fields
 * @param key - the item's key
 */
export function itemIndex(fields: FormFieldValues, key: string): number {
  const name = Object.keys(fields).find((k) => /^item-\d+-key$/.test(k) && fields[k] === key);
  if (name === undefined) {
    throw new Error(`No item ${key}`);
  }
  return Number(name.split('-')[1]);
}

/**
 * A protocol client for a signed-in agent.
 * @param db - the database (to read versions back)
 * @param agent - the clinician
 */
export function protocolClient(db: Kysely<Database>, agent: TestAgent): ProtocolClient {
  const submit: ProtocolClient['submit'] = async (url, action, change) => {
    const fields = formFields((await agent.get(url)).body, action);
    change(fields);
    const { _csrf: token = '', ...rest } = fields;
    return agent.postWithToken(action, rest, token);
  };
  return {
    row: (id) =>
      db.selectFrom('navigation_protocol').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    startDraft: (scope) => agent.post(`${PROTOCOL_BASE}/drafts`, { scope }, PROTOCOL_BASE),
    submit,
    editSection: (id, section, change) =>
      submit(`${PROTOCOL_BASE}/${id}/${section}`, `${PROTOCOL_BASE}/${id}/${section}`, change),
  };
}
