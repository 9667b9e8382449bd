import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loggableError } from './logging.ts';

export interface FieldIssue {
  field: string;
  message: string;
}

export type ApiErrorCode =
  | 'BadRequest'
  | 'ValidationFailed'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'InternalError';

/** JSON Schema of the error body, for the OpenAPI documents (/api/openapi.json, /oruk/openapi.json). */
export const API_ERROR_JSON_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

/** The one error shape of every JSON endpoint: `{ error: { code, message, issues? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static validation(issues: FieldIssue[]): ApiError {
    const first = issues.at(0);
    const message = first === undefined ? 'The request is not valid' : `${first.field}: ${first.message}`;
    return new ApiError(400, 'ValidationFailed', message, issues);
  }

  static notFound(message = 'Not found'): ApiError {
    return new ApiError(404, 'NotFound', message);
  }

  toJSON(): { error: { code: ApiErrorCode; message: string; issues?: FieldIssue[] } } {
    return {
      error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
    };
  }
}

function wantsHtml(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  if (path.startsWith('/api/') || path.startsWith('/oruk') || path.startsWith('/fhir')) {
    return false;
  }
  return (request.headers.accept ?? '').includes('text/html');
}

function statusFromFastify(error: FastifyError): number {
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 600 ? status : 500;
}

function toApiError(error: FastifyError): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  if (error.validation) {
    return ApiError.validation(
      error.validation.map((v) => ({
        field:
          v.instancePath.replace(/^\//, '').replace(/\//g, '.') ||
          ((v.params as { missingProperty?: string }).missingProperty ??
            error.validationContext ??
            'request'),
        message: v.message ?? 'is not valid',
      })),
    );
  }
  const status = statusFromFastify(error);
  switch (status) {
    case 400:
      return new ApiError(400, 'BadRequest', 'The request could not be understood');
    case 401:
      return new ApiError(401, 'Unauthorized', 'Sign in to use this');
    case 403:
      return new ApiError(403, 'Forbidden', 'You do not have permission to do this');
    case 404:
      return ApiError.notFound();
    case 405:
      return new ApiError(405, 'MethodNotAllowed', 'Method not allowed');
    case 413:
      return new ApiError(413, 'PayloadTooLarge', 'The request body is too large');
    case 415:
      return new ApiError(415, 'UnsupportedMediaType', 'Unsupported content type');
    case 429:
      return new ApiError(429, 'TooManyRequests', 'Too many requests, try again later');
    default:
      return new ApiError(500, 'InternalError', 'Something went wrong. The error has been logged.');
  }
}

async function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  apiError: ApiError,
): Promise<FastifyReply> {
  reply.status(apiError.status);
  if (wantsHtml(request)) {
    const template = apiError.status === 404 ? 'errors/not-found.njk' : 'errors/error.njk';
    return reply.view(template, { status: apiError.status, message: apiError.message });
  }
  return reply.type('application/json; charset=utf-8').send(apiError.toJSON());
}

/**
 * Installs the single error handler and the not-found handler.
 * Known errors map to their status; anything else is logged (without the values a database error quotes)
 * and becomes a generic 500.
 * @param app - the Fastify instance
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) {
      request.log.error({ err: loggableError(error) }, 'unhandled error');
    }
    return sendError(request, reply, apiError);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendError(request, reply, ApiError.notFound('Page not found')),
  );
}
