import * as cheerio from 'cheerio';

// What a browser would post from a form as it stands: hidden and text inputs, ticked checkboxes and
// radios, textareas and each select's chosen option. For forms whose fields all have different names
// (a repeated name would need more than a record).

/**
 * The fields a form on the page would post, by name.
 * @param html - the page
 * @param action - the form's action
 */
export function formFields(html: string, action: string): Record<string, string> {
  const $ = cheerio.load(html);
  const form = $(`form[method="post"][action="${action}"]`).first();
  if (form.length === 0) {
    throw new Error(`No form posting to ${action}`);
  }
  const fields: Record<string, string> = {};
  form.find('input[name]').each((_, el) => {
    const input = $(el);
    const type = input.attr('type') ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && input.attr('checked') === undefined) {
      return;
    }
    fields[input.attr('name') ?? ''] = input.attr('value') ?? '';
  });
  form.find('textarea[name]').each((_, el) => {
    // A browser drops the one line break that follows <textarea>.
    fields[$(el).attr('name') ?? ''] = $(el)
      .text()
      .replace(/^\r?\n/, '');
  });
  form.find('select[name]').each((_, el) => {
    const select = $(el);
    const chosen = select.find('option[selected]').first();
    const option = chosen.length > 0 ? chosen : select.find('option').first();
    fields[select.attr('name') ?? ''] = option.attr('value') ?? option.text();
  });
  return fields;
}
