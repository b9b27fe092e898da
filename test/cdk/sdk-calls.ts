import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/** One AWS call the code of a bundle can make, and the IAM actions AWS authorizes it with. */
export interface SdkCall {
  /** What the code makes: `GetObjectCommand`, `Upload` (lib-storage), `Tracer` (segments to X-Ray). */
  readonly call: string;
  /** The package it comes from: `@aws-sdk/client-s3`. */
  readonly from: string;
  /** What the role must allow for it. */
  readonly actions: readonly string[];
  /** Where the code makes it: `lambdas/core/lake/s3-store.ts:52`. */
  readonly site: string;
  /** Signed into a URL (getSignedUrl): whoever holds the link sends it with the function's rights. */
  readonly presigned: boolean;
  /** What the call names as its resource, where the code makes it knowable. */
  readonly target?: CallTarget;
  /** What an S3 call also needs on the bucket's key when the bucket is SSE-KMS (see KEY_ACTIONS). */
  readonly keyActions: readonly string[];
}

/**
 * A call's resource as the code names it: a setting the same file reads (`SecretId: cursorSecretArn`,
 * with `const cursorSecretArn = requiredEnv('CURSOR_SECRET_ARN')`), or a zone of the lake
 * (`Bucket: buckets.raw`: the raw zone's bucket, whose keys begin with `raw/`, as in ZonedStore).
 */
export type CallTarget = { readonly env: string } | { readonly zone: string };

/** The argument property that names each service's resource. */
const TARGET_PROPERTY: Readonly<Record<string, string>> = {
  s3: 'Bucket',
  secretsmanager: 'SecretId',
  athena: 'WorkGroup',
};

/**
 * IAM service prefixes that are not the client package's name without dashes (`client-secrets-manager`
 * → `secretsmanager`), from the Service Authorization Reference's service pages.
 */
const SERVICE_PREFIX: Readonly<Record<string, string>> = {
  'cloudwatch-logs': 'logs',
  eventbridge: 'events',
  'cognito-identity-provider': 'cognito-idp',
  sfn: 'states',
};

/**
 * Operations whose IAM action is not `<prefix>:<Operation>`, each from the "Permissions" section of
 * the operation's page in the Amazon S3 API Reference.
 */
const OPERATION_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  // API_ListObjectsV2: "you must have permission to perform the s3:ListBucket action" (on the bucket).
  's3:ListObjectsV2': ['s3:ListBucket'],
  's3:ListObjects': ['s3:ListBucket'],
  // API_HeadObject: "you must have the s3:GetObject permission"; without s3:ListBucket a missing key
  // answers 403, not the 404 that S3Store.exists reads as "not there".
  's3:HeadObject': ['s3:GetObject', 's3:ListBucket'],
  's3:HeadBucket': ['s3:ListBucket'],
  // API_DeleteObjects: "you must have the s3:DeleteObject ... permissions" for each key.
  's3:DeleteObjects': ['s3:DeleteObject'],
  // Multipart upload API and permissions (S3 User Guide): initiate, upload part and complete need s3:PutObject.
  's3:CreateMultipartUpload': ['s3:PutObject'],
  's3:UploadPart': ['s3:PutObject'],
  's3:CompleteMultipartUpload': ['s3:PutObject'],
  // API_CopyObject: s3:GetObject on the source, s3:PutObject on the destination.
  's3:CopyObject': ['s3:GetObject', 's3:PutObject'],
};

/**
 * What an S3 call also needs on the bucket's KMS key when the bucket encrypts with SSE-KMS ("Using
 * server-side encryption with AWS KMS keys", S3 User Guide): a read has S3 decrypt the object's data
 * key (kms:Decrypt), a write has one generated (kms:GenerateDataKey), and a multipart upload decrypts
 * its parts to assemble them (kms:Decrypt too: AWS Knowledge Center, "s3-multipart-kms-decrypt").
 */
const KEY_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  GetObjectCommand: ['kms:Decrypt'],
  PutObjectCommand: ['kms:GenerateDataKey'],
  CreateMultipartUploadCommand: ['kms:GenerateDataKey', 'kms:Decrypt'],
  Upload: ['kms:GenerateDataKey', 'kms:Decrypt'],
};

/**
 * What the uses of a library that wraps SDK calls send, by package: `new <Name>` for a class, `<name>()`
 * for a function; `*` for every other use of the package. A use not listed fails the scan.
 */
const LIBRARY_CALLS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // lib-storage's Upload sends PutObject (one part) or Create/UploadPart/CompleteMultipartUpload, all
  // s3:PutObject ("Multipart upload API and permissions", S3 User Guide), and aborts a failed multipart
  // upload unless leavePartsOnError: s3:AbortMultipartUpload. Its `tags` option adds a PutObjectTagging.
  '@aws-sdk/lib-storage': { 'new Upload': ['s3:PutObject', 's3:AbortMultipartUpload'] },
  // Active tracing: the Lambda service's X-Ray daemon uploads the Tracer's segments with the function's
  // role ("Visualize Lambda function invocations using AWS X-Ray": xray:PutTraceSegments and
  // xray:PutTelemetryRecords). Its other exports only annotate segments.
  '@aws-lambda-powertools/tracer': { 'new Tracer': ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*': [] },
  // Powertools Parameters, "IAM Permissions": getSecret → GetSecretValue, getParameter → GetParameter.
  '@aws-lambda-powertools/parameters/secrets': { 'getSecret()': ['secretsmanager:GetSecretValue'] },
  '@aws-lambda-powertools/parameters/ssm': { 'getParameter()': ['ssm:GetParameter'] },
};

/**
 * Packages that make no AWS call of their own: the signer only signs the command it is given (found as a
 * `new …Command`); Logger and Metrics write to stdout (metrics as EMF, which CloudWatch extracts from the
 * log); Batch only shapes the partial-batch response.
 */
const NO_CALLS = new Set([
  '@aws-sdk/s3-request-presigner',
  '@aws-sdk/types',
  '@aws-lambda-powertools/logger',
  '@aws-lambda-powertools/metrics',
  '@aws-lambda-powertools/batch',
]);

/**
 * The repository's source files (TypeScript, and the few CommonJS ones) a handler's code loads, itself
 * first: relative imports, re-exports, `require()` and `import()`, not type-only imports (erased).
 */
export function sourceFiles(handler: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of loadedModules(parse(file)))
      if (specifier.startsWith('.')) {
        const next = resolveModule(file, specifier);
        if (next) visit(next);
      }
  };
  visit(resolve(ROOT, handler));
  return [...seen].map((file) => relative(ROOT, file));
}

/**
 * Every AWS call the code a handler loads can make: each `new <Op>Command(` and `paginate<Op>(` of an
 * `@aws-sdk/client-<service>` package, as `<prefix>:<Op>` or its OPERATION_ACTIONS, and the calls of
 * the libraries above. A package under `@aws-sdk/` or `@aws-lambda-powertools/` that this file does
 * not know fails, so a new kind of call cannot go unchecked.
 */
export function sdkCalls(handler: string): SdkCall[] {
  return sourceFiles(handler).flatMap((file) => callsIn(parse(resolve(ROOT, file))));
}

function callsIn(source: ts.SourceFile): SdkCall[] {
  const imports = importedNames(source);
  const calls: SdkCall[] = [];
  const site = (node: ts.Node) =>
    `${relative(ROOT, source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const visit = (node: ts.Node) => {
    const callee =
      ts.isNewExpression(node) || ts.isCallExpression(node) ? calleeOf(node.expression, imports) : undefined;
    if (callee) {
      const call = describe(callee, node as ts.NewExpression | ts.CallExpression, source, site(node));
      if (call) calls.push(call);
    }
    // A command re-exported by a module of ours would hide its client: import commands from the client.
    if (
      ts.isNewExpression(node) &&
      /Command$/.test(unwrap(node.expression).getText(source)) &&
      !callee?.from.startsWith('@aws-sdk/client-')
    )
      throw new Error(`sdk-calls: ${site(node)} makes a command not imported from an @aws-sdk/client-* package`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

function describe(
  { from, name }: { from: string; name: string },
  node: ts.NewExpression | ts.CallExpression,
  source: ts.SourceFile,
  site: string,
): SdkCall | undefined {
  const isNew = ts.isNewExpression(node);
  const use = isNew ? `new ${name}` : `${name}()`;
  const client = /^@aws-sdk\/client-(.+)$/.exec(from)?.[1];
  if (client) {
    const prefix = SERVICE_PREFIX[client] ?? client.replace(/-/g, '');
    const operation = isNew ? /^(\w+)Command$/.exec(name)?.[1] : /^paginate(\w+)$/.exec(name)?.[1];
    if (operation) {
      const action = `${prefix}:${operation}`;
      return {
        call: isNew ? name : `${name}()`,
        from,
        actions: OPERATION_ACTIONS[action] ?? [action],
        site,
        presigned: isPresigned(node),
        target: targetOf(node, TARGET_PROPERTY[prefix], source),
        keyActions: prefix === 's3' ? (KEY_ACTIONS[name] ?? []) : [],
      };
    }
    // Clients are built, not sent. The aggregated client (`new S3()`) and waiters send what this scanner
    // does not read.
    if ((isNew && !name.endsWith('Client')) || /^wait(Until|For)/.test(name))
      throw new Error(`sdk-calls: ${site} uses ${use} of ${from}: send commands, or teach sdk-calls.ts its calls`);
    return undefined;
  }
  const library = LIBRARY_CALLS[from];
  if (library) {
    const actions = library[use] ?? library['*'];
    if (!actions)
      throw new Error(`sdk-calls: ${site} uses ${use} of ${from}, whose AWS calls sdk-calls.ts does not know`);
    if (actions.length === 0) return undefined;
    const tagged = use === 'new Upload' && objectProperty(node, 'tags') !== undefined;
    return {
      call: name,
      from,
      actions: tagged ? [...actions, 's3:PutObjectTagging'] : actions,
      site,
      presigned: false,
      keyActions: KEY_ACTIONS[name] ?? [],
    };
  }
  if (!NO_CALLS.has(from) && /^@aws-sdk\/|^@aws-lambda-powertools\//.test(from))
    throw new Error(`sdk-calls: ${site} uses ${from}, whose AWS calls sdk-calls.ts does not know: add them`);
  return undefined;
}

/** `getSignedUrl(client, new PutObjectCommand(…))`: the command is the argument of the signer. */
function isPresigned(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isCallExpression(parent) &&
    ts.isIdentifier(parent.expression) &&
    parent.expression.text === 'getSignedUrl' &&
    parent.arguments.includes(node as ts.Expression)
  );
}

function targetOf(
  node: ts.NewExpression | ts.CallExpression,
  property: string | undefined,
  source: ts.SourceFile,
): CallTarget | undefined {
  const value = property ? objectProperty(node, property) : undefined;
  if (!value) return undefined;
  if (ts.isIdentifier(value)) {
    const env = envOf(value.text, source);
    return env ? { env } : undefined;
  }
  if (ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.expression) && value.expression.text === 'buckets')
    return { zone: value.name.text };
  return undefined;
}

/** The value of `name:` in the call's first argument, an object literal. */
function objectProperty(node: ts.NewExpression | ts.CallExpression, name: string): ts.Expression | undefined {
  const argument = node.arguments?.[0];
  if (!argument || !ts.isObjectLiteralExpression(argument)) return undefined;
  for (const p of argument.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** The setting a top-level `const <name> = requiredEnv('NAME')` (or `process.env.NAME`) of the file reads. */
function envOf(name: string, source: ts.SourceFile): string | undefined {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== name || !declaration.initializer) continue;
      const init = declaration.initializer;
      if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'requiredEnv') {
        const [argument] = init.arguments;
        if (argument && ts.isStringLiteral(argument)) return argument.text;
      }
      if (
        ts.isPropertyAccessExpression(init) &&
        ts.isPropertyAccessExpression(init.expression) &&
        init.expression.getText(source) === 'process.env'
      )
        return init.name.text;
    }
  }
  return undefined;
}

interface Imported {
  from: string;
  name: string;
}

/** Local names bound by value imports and top-level `require`s: named ones to their export, namespaces to `*`. */
function importedNames(source: ts.SourceFile): Map<string, Imported> {
  const names = new Map<string, Imported>();
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement))
      for (const { name, initializer } of statement.declarationList.declarations) {
        const from = initializer && requiredModule(unwrap(initializer));
        if (!from) continue;
        if (ts.isIdentifier(name)) names.set(name.text, { from, name: '*' });
        else if (ts.isObjectBindingPattern(name))
          for (const element of name.elements)
            if (ts.isIdentifier(element.name))
              names.set(element.name.text, {
                from,
                name:
                  element.propertyName && ts.isIdentifier(element.propertyName)
                    ? element.propertyName.text
                    : element.name.text,
              });
      }
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const from = statement.moduleSpecifier.text;
    if (clause.name) names.set(clause.name.text, { from, name: 'default' });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.set(bindings.name.text, { from, name: '*' });
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements)
        if (!element.isTypeOnly)
          names.set(element.name.text, { from, name: (element.propertyName ?? element.name).text });
  }
  return names;
}

/**
 * What a `new X(` or `X(` calls, when it comes from a package: an imported name, a member of an imported
 * namespace (`sdk.GetObjectCommand`) or of a `require`d module (`(require('@aws-sdk/client-s3')).S3Client`).
 */
function calleeOf(expression: ts.Expression, imports: Map<string, Imported>): Imported | undefined {
  const e = unwrap(expression);
  if (ts.isIdentifier(e)) {
    const imported = imports.get(e.text);
    return imported && imported.name !== '*' ? imported : undefined;
  }
  if (ts.isPropertyAccessExpression(e)) {
    const owner = unwrap(e.expression);
    if (ts.isIdentifier(owner) && imports.get(owner.text)?.name === '*')
      return { from: imports.get(owner.text)!.from, name: e.name.text };
    const required = requiredModule(owner);
    if (required) return { from: required, name: e.name.text };
  }
  return undefined;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** The module of `require('m')` or `import('m')`. */
function requiredModule(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node) || node.arguments.length !== 1) return undefined;
  const [specifier] = node.arguments;
  if (!specifier || !ts.isStringLiteral(specifier)) return undefined;
  const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
  return isRequire || node.expression.kind === ts.SyntaxKind.ImportKeyword ? specifier.text : undefined;
}

/** The module specifiers a file loads at run time: value imports, re-exports, `require()` and `import()`. */
function loadedModules(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && loadsValues(node))
      specifiers.push(node.moduleSpecifier.text);
    else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      !node.isTypeOnly
    )
      specifiers.push(node.moduleSpecifier.text);
    else {
      const required = requiredModule(node);
      if (required) specifiers.push(required);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** `import './x'` and imports with a value binding load the module; `import type` and all-`type` ones do not. */
function loadsValues(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return true;
  if (clause.isTypeOnly) return false;
  const bindings = clause.namedBindings;
  return (
    clause.name !== undefined ||
    bindings === undefined ||
    ts.isNamespaceImport(bindings) ||
    bindings.elements.some((e) => !e.isTypeOnly)
  );
}

/** A relative specifier as the bundler finds it (`./x.ts`, `./x.js`, `./x/index.ts`); undefined for data (`.json`). */
function resolveModule(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  if (/\.(json|wasm|sql)$/.test(base)) return undefined;
  const found = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')].find(
    (candidate) => /\.[cm]?[jt]s$/.test(candidate) && existsSync(candidate),
  );
  if (!found)
    throw new Error(`sdk-calls: ${relative(ROOT, from)} loads ${specifier}, which resolves to no source file`);
  return found;
}

const parsed = new Map<string, ts.SourceFile>();

function parse(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    const kind = /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, kind);
    parsed.set(file, source);
  }
  return source;
}
