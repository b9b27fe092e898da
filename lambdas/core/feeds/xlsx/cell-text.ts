import { decodeOoxmlEscapes, decodeXmlText } from './xml-text';

/** The text a user sees in a cell, from the raw text of the part that holds it. */

/** Prefilter: most cell texts are plain ASCII with nothing to decode or normalize. */
const NEEDS_DECODING = /[&_\r\u0080-\uffff]/;

/** The text of an element's raw text: entities, `_xHHHH_`, NFC. */
export function cellText(raw: string): string {
  if (!NEEDS_DECODING.test(raw)) return raw;
  return decodeOoxmlEscapes(decodeXmlText(raw)).normalize('NFC');
}

/**
 * The text of a string item (the inside of a shared `<si>` or a cell's inline `<is>`), whose
 * elements carry the prefix `p`: its `<t>`, or its rich-text runs `<r><t>` joined. Phonetic
 * guides (`<rPh>`, furigana) are not part of the text.
 */
export function richText(xml: string, p: string): string {
  if (xml.startsWith(`<${p}t>`) && xml.indexOf('<', 1) === xml.length - p.length - 4)
    return cellText(xml.slice(p.length + 3, -(p.length + 4)));
  const runs = xml.includes(`<${p}rPh`) ? xml.replace(new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, 'g'), '') : xml;
  let text = '';
  for (const match of runs.matchAll(new RegExp(`<${p}t(?:\\s[^>]*)?(?:/>|>([^<]*)</${p}t>)`, 'g')))
    text += match[1] ?? '';
  return cellText(text);
}
