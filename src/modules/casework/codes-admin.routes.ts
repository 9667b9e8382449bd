import type { FastifyInstance } from 'fastify';
import type { CaseworkDeps } from './case-access.ts';

// The SNOMED CT code table's admin page (/app/admin/codes). Issue #5: being built.

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a placeholder until its pages land
export function codesAdminRoutes(_app: FastifyInstance, _deps: CaseworkDeps): void {}
