/**
 * The Studio and the site agree field by field. The Studio's fields are derived from the zod
 * schemas; this reads them back two ways: the validation rules the Studio applies (recorded by
 * calling each rule builder) against zod's constraints, and the schema Sanity itself extracts from
 * sanity.config.ts (`sanity schema extract`) against zod's fields and required flags.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS } from '#kernel/content/sanity-documents.ts';
import { documentTypes } from '../../../studio/schema/document-types.ts';
import {
  type JsonSchema,
  jsonSchemaOf,
  type RuleLike,
  type SanityField,
} from '../../../studio/schema/fields-from-zod.ts';

type Call = [string, ...unknown[]];

function recordRules(field: SanityField): Call[] {
  const calls: Call[] = [];
  const rule: RuleLike = new Proxy({} as RuleLike, {
    get:
      (_target, name: string) =>
      (...args: unknown[]) => {
        calls.push([name, ...args]);
        return rule;
      },
  });
  field.validation?.(rule);
  return calls;
}

/** What zod demands of one value, in the recorder's terms. */
function expectedCalls(node: JsonSchema, required: boolean): Call[] {
  const calls: Call[] = [];
  if (required) calls.push(['required']);
  if (node.type === 'integer') calls.push(['integer']);
  if (node.exclusiveMinimum === 0) calls.push(['positive']);
  const min = node.minLength ?? node.minItems ?? node.minimum;
  const max = node.maxLength ?? node.maxItems ?? node.maximum;
  if (min !== undefined && !(node.type === 'array' && min === 0)) calls.push(['min', min]);
  if (max !== undefined && max < Number.MAX_SAFE_INTEGER) calls.push(['max', max]);
  if (node.pattern) calls.push(['regex', new RegExp(node.pattern), { name: 'format' }]);
  if (node.format === 'uri') calls.push(['uri', { scheme: ['https'] }]);
  return calls;
}

function compare(where: string, node: JsonSchema, fields: SanityField[]) {
  const required = new Set(node.required ?? []);
  const props = Object.entries(node.properties ?? {});
  expect(
    fields.map((f) => f.name),
    `${where}: the Studio has exactly the site's fields`,
  ).toEqual(props.map(([name]) => name));
  for (const [name, child] of props) {
    const field = fields.find((f) => f.name === name)!;
    const at = `${where}.${name}`;
    expect(recordRules(field), `${at}: rules`).toEqual(expectedCalls(child, required.has(name)));
    if (child.enum)
      expect(field.options?.list, `${at}: choices`).toEqual(child.enum.map((v) => ({ title: v, value: v })));
    if (child.type === 'object') compare(at, child, field.fields ?? []);
    if (child.type === 'array') {
      const items = child.items!;
      if (items.enum) {
        expect(field.options?.list, `${at}: choices`).toEqual(
          items.enum.map((v) => ({ title: v, value: v })),
        );
      } else if (items.type === 'object') {
        compare(`${at}[]`, items, field.of?.[0]?.fields ?? []);
      } else {
        expect(recordRules(field.of![0]!), `${at}[]: item rules`).toEqual(expectedCalls(items, false));
      }
    }
  }
}

describe('Studio schema types against the site zod schemas', () => {
  it.each(DOCUMENT_KINDS.map((k) => [k.type, k] as const))(
    '%s: same fields, required flags and limits',
    (type, kind) => {
      const documentType = documentTypes.find((t) => t.name === type)!;
      const own = documentType.fields.filter(
        (f) => !['language', 'slug', 'translationOf', 'body'].includes(f.name!),
      );
      compare(type, jsonSchemaOf(kind.schema), own);
    },
  );

  it('requires alt text on every campaign image', () => {
    const images = documentTypes.find((t) => t.name === 'campaign')!.fields.find((f) => f.name === 'images')!;
    const alt = images.of![0]!.fields!.find((f) => f.name === 'alt')!;
    expect(recordRules(alt)).toContainEqual(['required']);
  });

  it('links translations: every translated type has language, slug and a reference to the original', () => {
    for (const kind of DOCUMENT_KINDS.filter((k) => k.shape === 'markdown')) {
      const names = documentTypes.find((t) => t.name === kind.type)!.fields.map((f) => f.name);
      expect(names).toEqual(expect.arrayContaining(['language', 'slug', 'translationOf', 'body']));
    }
  });
});

describe('the schema Sanity extracts from sanity.config.ts', () => {
  // The CLI resolves --path against the project root, even an absolute one: stay inside .sanity/.
  const file = path.join('.sanity', `schema-test-${process.pid}.json`);
  let extracted: { name: string; type: string; attributes: Record<string, { optional?: boolean }> }[];

  beforeAll(() => {
    execFileSync(
      process.execPath,
      ['node_modules/sanity/bin/sanity', 'schema', 'extract', '--enforce-required-fields', '--path', file],
      { env: { ...process.env, DO_NOT_TRACK: '1' }, stdio: 'pipe' },
    );
    extracted = JSON.parse(readFileSync(file, 'utf8'));
  }, 120_000);
  afterAll(() => rmSync(file, { force: true }));

  it.each(DOCUMENT_KINDS.map((k) => [k.type, k] as const))(
    '%s: every zod field, required exactly when zod requires it',
    (type, kind) => {
      const document = extracted.find((t) => t.name === type && t.type === 'document');
      expect(document, `${type} is a document type`).toBeDefined();
      const json = jsonSchemaOf(kind.schema);
      for (const [name] of Object.entries(json.properties ?? {})) {
        const attribute = document!.attributes[name];
        expect(attribute, `${type}.${name} exists`).toBeDefined();
        expect(!attribute!.optional, `${type}.${name} required`).toBe((json.required ?? []).includes(name));
      }
    },
  );
});
