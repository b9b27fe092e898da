import { decodeXmlText } from './xml-text';

/**
 * Finding things in the small SpreadsheetML parts without a parser (a DOM of them would cost
 * more than the rows). The parts are machine-written: DTDs, CDATA and comments are not handled.
 */

/** The namespace prefix a part uses for SpreadsheetML elements (`x:` in some generators), or ''. */
export function prefixOf(xml: string, rootElement: string): string {
  return new RegExp(`<(\\w+:)?${rootElement}[\\s>/]`).exec(xml)?.[1] ?? '';
}

/** The attributes of a start tag, from the text between its name and its `>`; values entity-decoded. */
export function attributes(tagBody: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const match of tagBody.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set(match[1] ?? '', decodeXmlText(match[2] ?? match[3] ?? ''));
  }
  return attrs;
}
