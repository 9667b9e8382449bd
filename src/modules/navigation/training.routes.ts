import type { FastifyInstance } from 'fastify';
import type { NavigationDeps } from './navigation.deps.ts';

// Navigator training: scenarios, scores and competency (/app/training). Issue #5: being built.

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a placeholder until its pages land
export function trainingRoutes(_app: FastifyInstance, _deps: NavigationDeps): void {}
