import type { FastifyInstance } from 'fastify';
import { printGet, startGet, startPost, stepGet } from './navigate.controller.ts';
import { escalationGet } from './navigate-escalation.controller.ts';
import { copyPost, handoverPost, needsPost, outcomePost, redFlagsPost } from './navigate-steps.controller.ts';
import type { NavigationDeps } from './navigation.deps.ts';

// The care navigation flow at reception (/app/navigate, issue #5): red flags first, then needs, options,
// the patient's choice and their own copy; and, for the duty clinician, what was recorded when a red flag
// stopped a navigation. Who may call each route is in src/http/route-access.ts.

export const NAVIGATE_PATHS = {
  start: '/app/navigate',
  step: '/app/navigate/:id',
  redFlags: '/app/navigate/:id/red-flags',
  handover: '/app/navigate/:id/handover',
  needs: '/app/navigate/:id/needs',
  outcome: '/app/navigate/:id/outcome',
  copy: '/app/navigate/:id/copy',
  print: '/app/navigate/:id/print',
  escalation: '/app/navigate/:id/escalation',
} as const;

/**
 * Registers the navigation flow's pages.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and (for tests) the clock
 */
export function navigateRoutes(app: FastifyInstance, deps: NavigationDeps): void {
  const P = NAVIGATE_PATHS;
  app.get(P.start, async (request, reply) => startGet(deps, request, reply));
  app.post(P.start, async (request, reply) => startPost(deps, request, reply));
  app.get(P.step, async (request, reply) => stepGet(deps, request, reply));
  app.post(P.redFlags, async (request, reply) => redFlagsPost(deps, request, reply));
  app.post(P.handover, async (request, reply) => handoverPost(deps, request, reply));
  app.post(P.needs, async (request, reply) => needsPost(deps, request, reply));
  app.post(P.outcome, async (request, reply) => outcomePost(deps, request, reply));
  app.post(P.copy, async (request, reply) => copyPost(deps, request, reply));
  app.get(P.print, async (request, reply) => printGet(deps, request, reply));
  app.get(P.escalation, async (request, reply) => escalationGet(deps, request, reply));
}
