import { z } from 'zod';
import { ApiError } from './errors.ts';

/**
 * A UUID from the path, or a 404 (an id that is not a UUID names nothing, and must not reach SQL).
 * @param value - the path parameter
 */
export function uuidParam(value: unknown): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) {
    throw ApiError.notFound('Page not found');
  }
  return parsed.data;
}
