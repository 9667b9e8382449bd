import type { FastifyInstance } from 'fastify';
import type { NavigationDeps } from './navigation.deps.ts';

// The clinically owned protocol: versions, editing and sign-off (/app/navigation/protocol). Issue #5: being built.

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a placeholder until its pages land
export function protocolRoutes(_app: FastifyInstance, _deps: NavigationDeps): void {}
