import { FeedError } from '../feed-error';
import { richText } from './cell-text';
import { prefixOf } from './spreadsheet-xml';

/**
 * The workbook's shared-string table from the text of its part (`xl/sharedStrings.xml`), by
 * position: a cell of type `s` holds an index into it. No part (a workbook of numbers, or one
 * whose writer puts every text inline) is an empty table.
 */
export function readSharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const p = prefixOf(xml, 'sst');
  const open = `<${p}si`;
  const close = `</${p}si>`;
  const strings: string[] = [];
  // Every <si> counts, empty ones included: cells refer to strings by position.
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at)) {
    const tagEnd = xml.indexOf('>', at);
    if (tagEnd < 0) break;
    if (xml[tagEnd - 1] === '/') {
      strings.push('');
      at = tagEnd;
      continue;
    }
    const end = xml.indexOf(close, tagEnd);
    if (end < 0)
      throw new FeedError('invalid_xlsx', `the shared strings part is cut off after string ${strings.length}`);
    strings.push(richText(xml.slice(tagEnd + 1, end), p));
    at = end;
  }
  return strings;
}
