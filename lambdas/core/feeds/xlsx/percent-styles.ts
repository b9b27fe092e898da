import { attributes, prefixOf } from './spreadsheet-xml';

/** Excel's built-in number formats that show a percent: `0%` and `0.00%`. */
const BUILT_IN_PERCENT = new Set([9, 10]);

/**
 * Which cell styles (`s` of a `<c>`, an index into `<cellXfs>`) show a number as a percent:
 * the cell holds 0.999 and shows 99.90%. A column of percent points (the contract’s `unit: '%'`)
 * must then read 99.9, what the producer typed and sees, not the stored fraction.
 */
export function percentStyles(stylesXml: string | undefined): Uint8Array {
  if (!stylesXml) return new Uint8Array(0);
  const p = prefixOf(stylesXml, 'styleSheet');
  const custom = new Map<number, string>();
  for (const [, body = ''] of stylesXml.matchAll(new RegExp(`<${p}numFmt\\s([^>]*)>`, 'g'))) {
    const attrs = attributes(body);
    custom.set(Number(attrs.get('numFmtId')), attrs.get('formatCode') ?? '');
  }
  const section = new RegExp(`<${p}cellXfs[\\s>][\\s\\S]*?</${p}cellXfs>`).exec(stylesXml)?.[0] ?? '';
  const styles = [...section.matchAll(new RegExp(`<${p}xf([\\s/>][^>]*)>`, 'g'))];
  const flags = new Uint8Array(styles.length);
  styles.forEach(([, body = ''], index) => {
    const id = Number(attributes(body).get('numFmtId') ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? showsPercent(code) : BUILT_IN_PERCENT.has(id)) flags[index] = 1;
  });
  return flags;
}

/** Whether a number format code shows a percent: a `%` outside quoted text, escapes and `[…]` sections. */
export function showsPercent(code: string): boolean {
  return code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').includes('%');
}
