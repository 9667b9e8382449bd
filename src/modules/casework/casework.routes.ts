import type { FastifyInstance } from 'fastify';
import type { CaseworkDeps } from './case-access.ts';
import { caseGet, contactsPost } from './case-page.controller.ts';
import { caseloadGet, taskDonePost, tasksGet } from './caseload.controller.ts';
import { codedExportGet } from './coded-export.controller.ts';
import { dischargeGet, dischargePost } from './discharge.controller.ts';
import { messageGet, messagePdfGet } from './message-back.controller.ts';
import { onwardGet, onwardPost, onwardStatusPost } from './onward.controller.ts';
import { actionDonePost, actionsPost, goalsPost, planGet, planPost } from './plan.controller.ts';
import { planPrintGet, planSendPost } from './plan-share.controller.ts';
import { safeguardingPost, safeguardingResolvePost } from './safeguarding.controller.ts';

// The casework pages. Who may call each route is in src/http/route-access.ts ("Casework", "Coded events");
// which case a person may open is decided in case-access.ts.

export const CASEWORK_PATHS = {
  caseload: '/app/caseload',
  tasks: '/app/tasks',
  taskDone: '/app/tasks/:id/done',
  case: '/app/cases/:id',
  contacts: '/app/cases/:id/contacts',
  plan: '/app/cases/:id/plan',
  goals: '/app/cases/:id/plan/goals',
  actions: '/app/cases/:id/plan/actions',
  actionDone: '/app/cases/:id/plan/actions/:actionId/done',
  planPrint: '/app/cases/:id/plan/print',
  planSend: '/app/cases/:id/plan/send',
  onward: '/app/cases/:id/onward',
  onwardStatus: '/app/cases/:id/onward/:onwardId/status',
  safeguarding: '/app/cases/:id/safeguarding',
  safeguardingResolve: '/app/cases/:id/safeguarding/:flagId/resolve',
  discharge: '/app/cases/:id/discharge',
  message: '/app/referrals/:id/messages/:messageId',
  messagePdf: '/app/referrals/:id/messages/:messageId/pdf',
  codedExport: '/app/exports/coded-events',
} as const;

/**
 * Registers the casework pages: caseload, tasks, case, contacts, plan, onward referrals, safeguarding,
 * discharge, messages back and the coded events export.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and (for tests) the clock
 */
export function caseworkRoutes(app: FastifyInstance, deps: CaseworkDeps): void {
  const P = CASEWORK_PATHS;
  app.get(P.caseload, async (request, reply) => caseloadGet(deps, request, reply));
  app.get(P.tasks, async (request, reply) => tasksGet(deps, request, reply));
  app.post(P.taskDone, async (request, reply) => taskDonePost(deps, request, reply));
  app.get(P.case, async (request, reply) => caseGet(deps, request, reply));
  app.post(P.contacts, async (request, reply) => contactsPost(deps, request, reply));
  app.get(P.plan, async (request, reply) => planGet(deps, request, reply));
  app.post(P.plan, async (request, reply) => planPost(deps, request, reply));
  app.post(P.goals, async (request, reply) => goalsPost(deps, request, reply));
  app.post(P.actions, async (request, reply) => actionsPost(deps, request, reply));
  app.post(P.actionDone, async (request, reply) => actionDonePost(deps, request, reply));
  app.get(P.planPrint, async (request, reply) => planPrintGet(deps, request, reply));
  app.post(P.planSend, async (request, reply) => planSendPost(deps, request, reply));
  app.get(P.onward, async (request, reply) => onwardGet(deps, request, reply));
  app.post(P.onward, async (request, reply) => onwardPost(deps, request, reply));
  app.post(P.onwardStatus, async (request, reply) => onwardStatusPost(deps, request, reply));
  app.post(P.safeguarding, async (request, reply) => safeguardingPost(deps, request, reply));
  app.post(P.safeguardingResolve, async (request, reply) => safeguardingResolvePost(deps, request, reply));
  app.get(P.discharge, async (request, reply) => dischargeGet(deps, request, reply));
  app.post(P.discharge, async (request, reply) => dischargePost(deps, request, reply));
  app.get(P.message, async (request, reply) => messageGet(deps, request, reply));
  app.get(P.messagePdf, async (request, reply) => messagePdfGet(deps, request, reply));
  app.get(P.codedExport, async (request, reply) => codedExportGet(deps, request, reply));
}
