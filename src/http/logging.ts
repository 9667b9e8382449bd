// What may reach the logs. Logs are read by more people than the data, kept longer and copied further, so
// they carry no personal data and no secrets: request paths lose their query (a postcode, a name) and any
// single-use token (a password reset or invitation link works for whoever reads it), and database errors
// lose the values PostgreSQL quotes in them (a unique violation names the email address; a check
// violation prints the whole row).

// Signpost's tokens are 43 base64url characters (tokens.ts); ids are UUIDs (36, with hyphens), which stay.
const TOKEN_SEGMENT = /(?<=\/)[A-Za-z0-9_-]{40,}(?=\/|$)/g;

/**
 * A request URL as it may be logged: the path without its query, single-use tokens replaced.
 * @param url - the request URL (path and query)
 */
export function loggablePath(url: string): string {
  return (url.split('?')[0] ?? '').replace(TOKEN_SEGMENT, ':token');
}

/** What is logged of an error. */
export interface LoggableError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

function stringField(value: unknown, field: string): string | undefined {
  const v = (value as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : undefined;
}

/**
 * An error as it may be logged: its type, message, stack and, for a database error, the SQLSTATE code and
 * the names of the constraint, table and column, but never the detail (the row or key values) and never
 * a value quoted in the message.
 * @param error - what was thrown
 */
export function loggableError(error: unknown): LoggableError {
  if (typeof error !== 'object' || error === null) {
    return { type: typeof error, message: '' };
  }
  const type = error instanceof Error ? error.name : 'object';
  const message = stringField(error, 'message') ?? '';
  // node-postgres (and PGlite) errors carry the server's severity; their messages quote values.
  const fromDatabase = stringField(error, 'severity') !== undefined;
  const logged: LoggableError = {
    type,
    message: fromDatabase ? message.replace(/"[^"]*"/g, '"…"') : message,
  };
  const fields: (keyof LoggableError)[] = fromDatabase
    ? ['stack', 'code', 'constraint', 'table', 'column']
    : ['stack', 'code'];
  for (const field of fields) {
    const value = stringField(error, field);
    if (value !== undefined) {
      logged[field] = field === 'stack' && fromDatabase ? value.replace(/"[^"]*"/g, '"…"') : value;
    }
  }
  return logged;
}
