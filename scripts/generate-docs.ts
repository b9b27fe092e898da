/** `npm run docs`: writes docs/datasets.md from the contracts and docs/feeds.md from the source specs (lambdas/core/docs/). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDictionary } from '../lambdas/core/docs/data-dictionary';
import { feedGuide } from '../lambdas/core/docs/feed-guide';

const dir = join(__dirname, '..', 'docs');
mkdirSync(dir, { recursive: true });
for (const [name, text] of [
  ['datasets.md', dataDictionary()],
  ['feeds.md', feedGuide()],
] as const) {
  writeFileSync(join(dir, name), text);
  console.log(`wrote ${join(dir, name)}`);
}
