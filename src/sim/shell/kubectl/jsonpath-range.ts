// kubectl -o jsonpath=TEMPLATE over the printers' jsonpath (ranges and filters included).
import type { JsonValue } from '../printers/goyaml';
import { jsonpath, JsonPathError } from '../printers/jsonpath';

/**
 * A bare path with no braces (the chapter's ".items[0].metadata.name") is read as one action. Real kubectl
 * would print such a template literally; the chapter relies on it, so the playground evaluates it.
 */
export function kubectlJsonpath(data: JsonValue, template: string): string {
  const t = !template.includes('{') && template.startsWith('.') ? `{${template}}` : template;
  return jsonpath(data, t);
}

export { JsonPathError };
