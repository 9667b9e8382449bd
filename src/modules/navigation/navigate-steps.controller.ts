import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FieldIssue } from '../../http/errors.ts';
import type { FormResult } from '../../http/forms.ts';
import { auditRequestBatch } from '../../http/request-audit.ts';
import { formText } from '../people/person-fields.ts';
import { nowOf, todayOf } from '../people/staff-request.ts';
import { agreedDestination, recordCopy } from './navigate-copy.service.ts';
import { recordOutcome, type OutcomeResult } from './navigate-outcome.service.ts';
import { auditNavigation, loadNavigation, renderStep, type Navigation } from './navigate-page.ts';
import {
  checkPatientDetails,
  parseCopy,
  parseHandover,
  parseNeeds,
  parseOutcomeChoice,
  parseRedFlags,
  type OutcomeChoice,
} from './navigate.schema.ts';
import { inStep, recordHandover, recordNeeds, recordRedFlagCheck } from './navigate.service.ts';
import { currentStep, type NavigationStep } from './navigate.state.ts';
import type { NavigationDeps } from './navigation.deps.ts';
import type { NavigationRecord } from './navigation-record.repository.ts';

// The steps' POSTs. Each checks the form first (a bad one re-renders the step with the NHS.UK error summary
// and 400, writing nothing), then changes the record in one transaction only if it is still at that step
// and version; a POST for a step already done (a double submit, the back button) goes to the current step.

type Done<T> = { issues: FieldIssue[] } | { done: T };

function formVersion(request: FastifyRequest): number | null {
  const version = Number(formText(request.body, 'version'));
  return Number.isInteger(version) && version > 0 ? version : null;
}

class StepRejected extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super('Step rejected');
    this.name = 'StepRejected';
  }
}

interface StepSpec<I, T> {
  step: NavigationStep;
  parse: (nav: Navigation) => FormResult<I>;
  change: (
    trx: Transaction<Database>,
    input: I,
    nav: Navigation & { record: NavigationRecord },
  ) => Promise<Done<T>>;
  audit: (done: T) => Record<string, string | null>;
  /** Where to go after the change, when not to the navigation's current step. */
  next?: (done: T, input: I, current: string) => string | undefined;
}

/**
 * Runs a step: the navigation must be at `step`; the form is checked; the change and its audit entry are
 * written in one transaction on the locked record. Issues found inside the transaction roll it back.
 * @param deps - the dependencies
 * @param request - the request
 * @param reply - the reply
 * @param spec - the step, the form, the change, its audit details and where to go next
 */
async function runStep<I, T>(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: StepSpec<I, T>,
): Promise<FastifyReply> {
  const nav = await loadNavigation(deps, request);
  const current = `/app/navigate/${nav.record.id}`;
  if (currentStep(nav.record) !== spec.step) {
    return reply.redirect(current, 303);
  }
  const rejected = (issues: FieldIssue[]): Promise<FastifyReply> =>
    renderStep(deps, request, reply, nav, { issues, body: request.body, status: 400 });
  const parsed = spec.parse(nav);
  if (!parsed.ok) {
    return rejected(parsed.issues);
  }
  const at = { id: nav.record.id, step: spec.step, version: formVersion(request) };
  let result: Awaited<ReturnType<typeof inStep<T>>>;
  try {
    result = await inStep(deps.db, deps.tenant.id, at, async (trx, record) => {
      const outcome = await spec.change(trx, parsed.value, { ...nav, record });
      if ('issues' in outcome) {
        throw new StepRejected(outcome.issues);
      }
      await auditNavigation({ db: trx, tenant: deps.tenant }, request, {
        action: 'update',
        record,
        details: { step: spec.step, ...spec.audit(outcome.done) },
      });
      return outcome.done;
    });
  } catch (error) {
    if (error instanceof StepRejected) {
      return rejected(error.issues);
    }
    throw error;
  }
  const next = result.ok ? spec.next?.(result.value, parsed.value, current) : undefined;
  return reply.redirect(next ?? current, 303);
}

/**
 * POST /app/navigate/:id/red-flags: step 1, "None of these" or a red flag (which stops the navigation).
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function redFlagsPost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return runStep(deps, request, reply, {
    step: 'red-flags',
    parse: (nav) => parseRedFlags(request.body, nav.protocol.content),
    change: async (trx, input, nav) => ({
      done: await recordRedFlagCheck(trx, deps.tenant.id, {
        record: nav.record,
        input,
        protocol: nav.protocol,
        actorUserId: nav.actor.userId,
        now: nowOf(deps),
      }),
    }),
    audit: (flag) => ({ redFlag: flag?.outcome ?? 'none', source: flag?.source ?? null }),
  });
}

/**
 * POST /app/navigate/:id/handover: who the patient was handed over to after a red flag (once).
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function handoverPost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return runStep(deps, request, reply, {
    step: 'stopped',
    parse: () => parseHandover(request.body),
    change: async (trx, handedTo, nav) => ({
      done: await recordHandover(trx, deps.tenant.id, nav.record, handedTo),
    }),
    audit: () => ({ handover: 'recorded' }),
  });
}

/**
 * POST /app/navigate/:id/needs: step 2, what the patient needs help with (their words are checked for red
 * flags first).
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function needsPost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return runStep(deps, request, reply, {
    step: 'needs',
    parse: (nav) => parseNeeds(request.body, nav.protocol.content),
    change: async (trx, input, nav) => ({
      done: await recordNeeds(trx, deps.tenant.id, {
        record: nav.record,
        pick: input.pick,
        text: input.text,
        protocol: nav.protocol,
        actorUserId: nav.actor.userId,
        now: nowOf(deps),
      }),
    }),
    audit: (flag) => ({ redFlag: flag?.outcome ?? 'none' }),
  });
}

/**
 * POST /app/navigate/:id/outcome: step 4, the patient's choice in one action.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function outcomePost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = request.body;
  return runStep<OutcomeChoice, Extract<OutcomeResult, { ok: true }>>(deps, request, reply, {
    step: 'options',
    parse: () => parseOutcomeChoice(body),
    change: async (trx, choice, nav) => {
      const result = await recordOutcome(trx, deps.tenant.id, {
        record: nav.record,
        protocol: nav.protocol,
        choice,
        consent: formText(body, 'consent') === 'yes',
        person:
          choice.kind === 'link-worker' && nav.record.patientId === null
            ? checkPatientDetails(body, todayOf(deps))
            : null,
        actor: {
          userId: nav.actor.userId,
          displayName: nav.actor.displayName,
          organisationName: nav.actor.organisationName,
          email: nav.actor.email,
        },
        now: nowOf(deps),
      });
      if (!result.ok) {
        return { issues: result.issues };
      }
      const referral = result.referral?.referral;
      if (referral !== undefined) {
        await auditRequestBatch(trx, request, deps.tenant.id, [
          ...(result.patientCreated
            ? [
                {
                  action: 'create' as const,
                  subjectType: 'patient' as const,
                  subjectId: referral.patientId,
                  subjectLabel: 'Patient record',
                  details: { navigationId: nav.record.id },
                },
              ]
            : []),
          {
            action: 'create',
            subjectType: 'referral',
            subjectId: referral.id,
            subjectLabel: 'Referral',
            details: { patientId: referral.patientId, source: referral.source, navigationId: nav.record.id },
          },
        ]);
      }
      return { done: result };
    },
    audit: (result) => ({
      outcome: result.outcome,
      referralId: result.referral?.referral.id ?? null,
      codedEventId: result.codedEventId,
    }),
  });
}

/**
 * POST /app/navigate/:id/copy: step 5, the patient's own copy (text message, email, print or none).
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function copyPost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return runStep(deps, request, reply, {
    step: 'copy',
    parse: () => parseCopy(request.body),
    change: async (trx, input, nav) => {
      const agreed = await agreedDestination(
        trx,
        { tenantId: deps.tenant.id, config: deps.config, now: nowOf(deps) },
        nav,
      );
      const messageId = await recordCopy(trx, deps.tenant.id, {
        record: nav.record,
        input,
        content: agreed.content,
        actorUserId: nav.actor.userId,
      });
      return { done: messageId };
    },
    audit: (messageId) => ({ copy: messageId === null ? 'not-sent' : 'queued' }),
    next: (_messageId, input, current) => (input.channel === 'print' ? `${current}/print` : undefined),
  });
}
