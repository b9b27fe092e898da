import { getDataset } from '../contracts';
import { SOURCES } from '../feeds';
import { contractCheckReasons, FILE_ERRORS, ROW_REASONS, SKIP_REASONS } from '../feeds/reason-codes';
import type { FeedSpec, SourceSpec } from '../feeds/source-spec';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const code = (texts: readonly string[]) => texts.map((t) => `\`${cell(t)}\``).join(', ');

function period(feed: FeedSpec): string {
  switch (feed.period.from) {
    case 'column':
      return `column ${code(feed.period.header)} (\`yyyy-mm\`, \`mm/yyyy\`, \`Tháng mm/yyyy\`)`;
    case 'month-of':
      return `the month of \`${feed.period.column}\` (Vietnam time)`;
    case 'month-columns':
      return `one column per month (\`T01/2025\`, \`01/2025\`, \`2025-01\`), each filled cell a row of \`${feed.period.column}\``;
  }
}

function feedSection(spec: SourceSpec, feed: FeedSpec): string {
  const contract = getDataset(feed.dataset);
  const rows = Object.entries(feed.columns).map(([name, spellings]) => {
    const column = contract.columns.find((c) => c.name === name)!;
    const enums = Object.entries(feed.enums[name] ?? {})
      .map(([value, words]) => `\`${value}\` ← ${code(words)}`)
      .join('; ');
    return `| \`${name}\` | ${code(spellings)} | ${column.type}${column.nullable ? ', may be empty' : ''} | ${enums} |`;
  });
  for (const [name, spellings] of Object.entries(feed.keyedHashes))
    rows.push(
      `| \`${name}\` | ${code(spellings)} | clear identifier, replaced by its HMAC-SHA256 before anything is written | |`,
    );
  const ward = feed.ward
    ? `Wards: ${[feed.ward.code && `code ${code(feed.ward.code)}`, feed.ward.name && `name ${code(feed.ward.name)}`, feed.ward.district && `district ${code(feed.ward.district)}`].filter(Boolean).join(', ')}, ${feed.ward.scheme === '2025' ? 'the 2025 units' : 'the pre-2025 units (resolved through the crosswalk)'}.`
    : '';
  const constants = Object.entries(feed.constants)
    .map(([name, text]) => `\`${name}\` = \`${text}\``)
    .join(', ');
  return `#### ${feed.dataset}

Files named like \`/${feed.files}/i\` (e.g. \`${spec.id}_${feed.dataset}\`). Period: ${period(feed)}. ${ward}${constants ? ` Not in the file, the same for every row: ${constants}.` : ''}

| column | headers accepted | type | values |
|---|---|---|---|
${rows.join('\n')}
`;
}

function sourceSection(spec: SourceSpec): string {
  const facts = [
    `format **${spec.format}**`,
    spec.format === 'xlsx'
      ? 'first sheet'
      : `encoding **${spec.encoding}**${spec.bom ? ' with a BOM' : ''} (any other is detected and read too)`,
    spec.format === 'csv' ? `delimiter \`${spec.delimiter === '\t' ? '\\t' : spec.delimiter}\`` : '',
    spec.headerRows > 1
      ? `${spec.headerRows} header rows (a merged group cell over its sub-headers; read joined: \`Group Sub\`)`
      : '',
    spec.totalsRow.length ? `totals rows skipped: ${code(spec.totalsRow)}` : '',
    `numbers \`${spec.numbers}\``,
    `writes dates \`${spec.dates}\`, booleans ${code(spec.booleans)}`,
    spec.records ? `records under \`${spec.records}\`` : '',
    `expected every ${spec.cadence.everyDays} days (+${spec.cadence.graceDays} grace)`,
  ].filter(Boolean);
  return `### \`${spec.id}\`: ${spec.name}

Sent by ${spec.owner}. ${facts.join('; ')}.

${spec.feeds.map((feed) => feedSection(spec, feed)).join('\n')}`;
}

const table = (codes: Record<string, string>) =>
  Object.entries(codes)
    .map(([name, meaning]) => `| \`${name}\` | ${cell(meaning)} |`)
    .join('\n');

/** docs/feeds.md: how each source's files are read, generated from the source specs, and every reason code. */
export function feedGuide(): string {
  const native = SOURCES.filter((s) => s.values === 'native');
  return `# Feeds: how each source's files are read

Generated from \`lambdas/core/feeds/sources/\` by \`npm run docs\`; do not edit by hand.

Every file lands in \`raw/<source>/yyyy/mm/dd/\` as received and is read by its source's spec.
Headers match in canonical form (case, diacritics and punctuation do not matter:
\`Số thuê bao\` = \`SO THUE BAO\` = \`so_thue_bao\`), in any order; extra columns are listed in the
manifest and not loaded; a required column that is missing fails the file. Text is decoded
from UTF-8 (with or without BOM), UTF-16LE/BE, Windows-1258, TCVN3 or VNI, whatever the spec
declares, and TCVN3 text that went through a Windows-1252 decoder is mended. Wards resolve
by 2025 code, by pre-2025 code (crosswalk) or by name (\`Phường\`, \`P.\`, \`Xã\`, \`X.\`,
\`Thị trấn\`, \`TT\`, … and \`Hoà\`/\`Hòa\` alike), with the district where given; the original
code and name are kept. Before uploading, a producer runs
\`vpdc validate FILE --source ID\`; \`vpdc generate --native\` writes a sample of every source.

Canonical CSV (source \`canonical\`) is each dataset's own form: its columns and \`period\`,
UTF-8, \`,\`; see docs/datasets.md. It is the operations team's loader: its rows may be any
source's, so no producer is granted it. A source owns the rows its feeds pin (each carrier its
own \`carrier\`), and a producer uploads through its own source only.

## Sources

| id | sends | format | datasets |
|---|---|---|---|
${native.map((s) => `| \`${s.id}\` | ${cell(s.owner)} | ${s.format} | ${s.datasets.join(', ')} |`).join('\n')}

${native.map(sourceSection).join('\n')}
## Reason codes

### A file fails (the manifest's \`error.code\`; nothing is published, the raw object stays)

| code | meaning |
|---|---|
${table(FILE_ERRORS)}

### A row is rejected (quarantine, with line, column and value; counted in the manifest's \`reasons\`)

| code | meaning |
|---|---|
${table({ ...ROW_REASONS, ...contractCheckReasons() })}

### A record is not data (the manifest's \`skipped\`)

| code | meaning |
|---|---|
${table(SKIP_REASONS)}
`;
}
