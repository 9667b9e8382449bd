import type { FastifyInstance } from 'fastify';
import type { NavigationDeps } from './navigation.deps.ts';

// The care navigation flow at reception (/app/navigate). Issue #5: being built.

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a placeholder until its pages land
export function navigateRoutes(_app: FastifyInstance, _deps: NavigationDeps): void {}
