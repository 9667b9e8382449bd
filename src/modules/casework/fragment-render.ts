import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

// Renders casework HTML that is stored or sent rather than served as a page (the message back letter, the
// plan email): Nunjucks over src/modules with autoescape on, like the page views.

const modulesDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let environment: nunjucks.Environment | undefined;

/**
 * Renders a template under src/modules (e.g. 'casework/views/message-back-letter.njk') to HTML.
 * @param template - the template path
 * @param context - its variables
 */
export function renderFragment(template: string, context: Record<string, unknown>): string {
  environment ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(modulesDir), {
    autoescape: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  return environment.render(template, context);
}
