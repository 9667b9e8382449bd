import type { FastifyInstance } from 'fastify';
import type { NavigationDeps } from './navigation.deps.ts';

// Practice reports on care navigation (/app/navigation/reports). Issue #5: being built.

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a placeholder until its pages land
export function navigationReportRoutes(_app: FastifyInstance, _deps: NavigationDeps): void {}
