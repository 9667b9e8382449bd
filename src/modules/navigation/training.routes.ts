import type { FastifyInstance } from 'fastify';
import type { NavigationDeps } from './navigation.deps.ts';
import { trainingTeamGet } from './training-team.controller.ts';
import { attemptGet, attemptStepPost, scenarioStartPost, trainingHomeGet } from './training.controller.ts';

// Navigator training: scenarios, scores and competency (/app/training). Who may call each route is in
// src/http/route-access.ts ("Navigator training and competency").

export const TRAINING_PATHS = {
  home: '/app/training',
  start: '/app/training/scenarios/:key',
  attempt: '/app/training/attempts/:id',
  step: '/app/training/attempts/:id/:step',
  team: '/app/training/team',
} as const;

/**
 * Registers the training pages.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and (for tests) the clock
 */
export function trainingRoutes(app: FastifyInstance, deps: NavigationDeps): void {
  const P = TRAINING_PATHS;
  app.get(P.home, async (request, reply) => trainingHomeGet(deps, request, reply));
  app.post(P.start, async (request, reply) => scenarioStartPost(deps, request, reply));
  app.get(P.attempt, async (request, reply) => attemptGet(deps, request, reply));
  app.post(P.step, async (request, reply) => attemptStepPost(deps, request, reply));
  app.get(P.team, async (request, reply) => trainingTeamGet(deps, request, reply));
}
