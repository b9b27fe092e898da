/**
 * Text in and out of SpreadsheetML, at the two levels where it is escaped:
 * - XML: `&amp;`-style entities, and line ends (an XML parser reads a raw CR LF or CR as LF);
 * - OOXML: `_xHHHH_` stands for a UTF-16 code unit that XML cannot carry (control characters,
 *   a lone surrogate) or that must stay a CR; a literal `_xHHHH_` is written `_x005F_xHHHH_`.
 * Writers apply XML escaping last, readers undo it first.
 */

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;

/** Decodes entities and XML line ends in the text of an element or attribute. */
export function decodeXmlText(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
      // A reference past Unicode is malformed: keep its text rather than throw on one cell.
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Decodes `_xHHHH_`; one left-to-right pass, so `_x005F_x000D_` gives the literal `_x000D_`. */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(OOXML_ESCAPE, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * What XML 1.0 cannot hold or would not keep: C0 controls but tab and LF (CR is legal but a
 * parser turns it into LF), U+FFFE/U+FFFF and lone surrogates. A `_` that starts a literal
 * `_xHHHH_` is matched too, so that escaping it and the characters happens in one pass.
 */
const NEEDS_OOXML_ESCAPE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls XML 1.0 cannot hold are what this finds.
  /_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0B-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Encodes what XML cannot carry as `_xHHHH_`, the way Excel does. */
export function encodeOoxmlEscapes(text: string): string {
  return text.replace(
    NEEDS_OOXML_ESCAPE,
    (match) => `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

/** Escapes element text. `>` too, so that a `]]>` in the text cannot end anything. */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

/** Escapes a double-quoted attribute value. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;');
}
