import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The dependency rules of DESIGN.md ("Layout") and issue 17's file sizes, read from the source
 * tree with TypeScript's own parser: `import type` and `export … from` count as imports too.
 */
const ROOT = resolve(__dirname, '../..');

/** The .ts files under `dir` (from the project root), as paths from the root. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name))
    .sort();
}

const isFile = (path: string) => existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isFile();

/** A relative specifier as the file it names (`x` as x.ts, x.js or x/index.ts; `x.js` as x.ts), or as written. */
function resolveSpecifier(from: string, specifier: string): string {
  const base = relative(ROOT, resolve(ROOT, dirname(from), specifier));
  const candidates = [`${base}.ts`, base.replace(/\.js$/, '.ts'), base, `${base}.js`, join(base, 'index.ts')];
  return candidates.find(isFile) ?? base;
}

/** The project files `file` imports; packages are left out. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return importedFiles.filter((i) => i.fileName.startsWith('.')).map((i) => resolveSpecifier(file, i.fileName));
}

/** Every import of a file under `from` that lands under one of `forbidden`, as `a imports b`. */
function importsAcross(from: string, forbidden: string[]): string[] {
  return sourceFiles(from).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.some((dir) => target === dir || target.startsWith(`${dir}/`)))
      .map((target) => `${file} imports ${target}`),
  );
}

/** One import cycle among `files` (its path, first file repeated last), or [] when there is none. */
function findCycle(files: string[]): string[] {
  const inside = new Set(files);
  const edges = new Map(files.map((file) => [file, importsOf(file).filter((target) => inside.has(target))]));
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] => {
    const open = path.indexOf(file);
    if (open !== -1) return [...path.slice(open), file];
    if (done.has(file)) return [];
    path.push(file);
    for (const target of edges.get(file)!) {
      const cycle = visit(target);
      if (cycle.length) return cycle;
    }
    path.pop();
    done.add(file);
    return [];
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle.length) return cycle;
  }
  return [];
}

/** Lines as `wc -l` counts them. */
const lineCount = (file: string) => readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1;

describe('how the source tree depends on itself', () => {
  test('no import cycle among the files under lambdas/', () => {
    expect(findCycle(sourceFiles('lambdas')).join(' → ')).toBe('');
  });

  test('nothing under lambdas/ imports from lib/ (the CDK app)', () => {
    expect(importsAcross('lambdas', ['lib'])).toEqual([]);
  });

  test('nothing under lambdas/core/feeds imports from lambdas/core/ingest (feeds sit below ingest)', () => {
    expect(importsAcross('lambdas/core/feeds', ['lambdas/core/ingest'])).toEqual([]);
  });

  test('no file under lambdas/core/sharing is over 160 lines', () => {
    const long = sourceFiles('lambdas/core/sharing')
      .map((file) => ({ file, lines: lineCount(file) }))
      .filter(({ lines }) => lines > 160);
    expect(long.map(({ file, lines }) => `${file}: ${lines} lines`)).toEqual([]);
  });
});
