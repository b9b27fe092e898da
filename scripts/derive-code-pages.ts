/**
 * Writes lambdas/core/feeds/code-page-tables.ts: each byte's character in the single-byte code
 * pages Vietnamese feeds come in, as iconv-lite decodes them. Run: `npx tsx scripts/derive-code-pages.ts`.
 *
 * The tables are committed so that the Lambda bundle does not carry iconv-lite (a fifth of the
 * ETL function's code, for three tables of 256 characters); iconv-lite stays a dev dependency,
 * for this script and for test/unit/code-pages.test.ts, which checks every byte against it again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const PAGES = { 'windows-1252': 'windows1252', 'windows-1258': 'windows1258', tcvn3: 'tcvn' } as const;
const everyByte = Buffer.from(Array.from({ length: 256 }, (_, b) => b));
/** A character as a JavaScript escape where it is not printable ASCII, so the file shows what it holds. */
const escaped = (c: string) => {
  const code = c.charCodeAt(0);
  return code >= 0x20 && code < 0x7f && c !== "'" && c !== '\\' ? c : `\\u${code.toString(16).padStart(4, '0')}`;
};
const lines = Object.entries(PAGES).map(([page, name]) => {
  const chars = iconv.decode(everyByte, name);
  if (chars.length !== 256) throw new Error(`${name} does not decode one character per byte`);
  const rows = Array.from(
    { length: 16 },
    (_, row) => `    '${[...chars.slice(row * 16, row * 16 + 16)].map(escaped).join('')}'`,
  );
  return `  '${page}':\n${rows.join(' +\n')},`;
});
const out = join(__dirname, '..', 'lambdas', 'core', 'feeds', 'code-page-tables.ts');
writeFileSync(
  out,
  `// Written by scripts/derive-code-pages.ts from iconv-lite ${require('iconv-lite/package.json').version}: do not edit.\n\n` +
    "/** Each byte's character, bytes 0x00–0xFF in order, 16 to a line (U+FFFD where the page has none). */\n" +
    `export const CODE_PAGE_TABLES = {\n${lines.join('\n')}\n} as const;\n`,
);
console.log(`wrote ${out}`);
