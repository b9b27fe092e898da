/** `npm run docs`: writes docs/datasets.md from the contracts (see lambdas/core/docs/data-dictionary.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDictionary } from '../lambdas/core/docs/data-dictionary';

const dir = join(__dirname, '..', 'docs');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'datasets.md'), dataDictionary());
console.log(`wrote ${join(dir, 'datasets.md')}`);
