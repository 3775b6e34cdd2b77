/**
 * Derives the Studio's fields from the site's zod schemas, so the two cannot drift: each property
 * becomes a Sanity field of the matching type, with the same required flag, lengths, counts,
 * ranges, patterns and choices as validation rules. zod is read through its JSON Schema, where
 * dates are marked by an override (JSON Schema has no date type).
 */
import { z } from 'zod';
import { arrayMemberType } from '#kernel/content/sanity-documents.ts';

/** The subset of Sanity's validation Rule the derived fields use. */
export interface RuleLike {
  required(): RuleLike;
  min(n: number): RuleLike;
  max(n: number): RuleLike;
  integer(): RuleLike;
  positive(): RuleLike;
  regex(pattern: RegExp, options?: { name?: string }): RuleLike;
  uri(options: { scheme: string[] }): RuleLike;
}

/** A Sanity field or array member definition, as a plain object (`defineField` would only add types). */
export interface SanityField {
  /** Absent on array members of primitive types. */
  name?: string;
  type: string;
  title?: string;
  description?: string;
  fields?: SanityField[];
  of?: SanityField[];
  options?: Record<string, unknown>;
  validation?: (rule: RuleLike) => RuleLike;
  [key: string]: unknown;
}

export interface JsonSchema {
  type?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
}

/** Strings longer than this get a multi-line input. */
const TEXT_AREA_FROM = 300;

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    // What an editor must enter: fields with a default are optional.
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === 'date') {
        ctx.jsonSchema.type = 'string';
        ctx.jsonSchema.format = 'date';
      }
    },
  }) as JsonSchema;
}

export function titleOf(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The rules one JSON Schema node implies, applied in a fixed order so tests can read them back. */
export function rulesFor(node: JsonSchema, required: boolean): ((rule: RuleLike) => RuleLike) | undefined {
  const steps: ((rule: RuleLike) => RuleLike)[] = [];
  if (required) steps.push((r) => r.required());
  const min = node.minLength ?? node.minItems ?? node.minimum;
  const max = node.maxLength ?? node.maxItems ?? node.maximum;
  if (node.type === 'integer') steps.push((r) => r.integer());
  if (node.exclusiveMinimum === 0) steps.push((r) => r.positive());
  if (min !== undefined && !(node.type === 'array' && min === 0)) steps.push((r) => r.min(min));
  if (max !== undefined && max < Number.MAX_SAFE_INTEGER) steps.push((r) => r.max(max));
  if (node.pattern) {
    const pattern = new RegExp(node.pattern);
    steps.push((r) => r.regex(pattern, { name: 'format' }));
  }
  if (node.format === 'uri') steps.push((r) => r.uri({ scheme: ['https'] }));
  if (steps.length === 0) return undefined;
  return (rule) => steps.reduce((r, step) => step(r), rule);
}

function memberFor(field: string, items: JsonSchema): SanityField {
  if (items.type === 'object') {
    const name = arrayMemberType(field);
    return { name, type: 'object', title: titleOf(name), fields: fieldsOf(items) };
  }
  // Arrays of strings carry their item rules on the member: Sanity validates them item by item.
  const { name: _name, title: _title, ...member } = fieldFor(field, items, false);
  return member;
}

export function fieldFor(name: string, node: JsonSchema, required: boolean): SanityField {
  const base = { name, title: titleOf(name), validation: rulesFor(node, required) };
  if (node.enum) {
    return {
      ...base,
      type: 'string',
      options: { list: node.enum.map((value) => ({ title: value, value })) },
    };
  }
  switch (node.type) {
    case 'object':
      return { ...base, type: 'object', fields: fieldsOf(node) };
    case 'array': {
      const items = node.items ?? {};
      const member = memberFor(name, items);
      // A list of choices shows as checkboxes when the choices sit on the array itself.
      if (items.enum) return { ...base, type: 'array', of: [{ type: 'string' }], options: member.options };
      return { ...base, type: 'array', of: [member] };
    }
    case 'integer':
    case 'number':
      return { ...base, type: 'number' };
    case 'boolean':
      return { ...base, type: 'boolean' };
    default:
      if (node.format === 'date') return { ...base, type: 'date' };
      if (node.format === 'uri') return { ...base, type: 'url' };
      return { ...base, type: (node.maxLength ?? 0) > TEXT_AREA_FROM ? 'text' : 'string' };
  }
}

export function fieldsOf(node: JsonSchema): SanityField[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).map(([name, child]) =>
    fieldFor(name, child, required.has(name)),
  );
}

/** The Studio fields of a zod object schema, in the schema's order. */
export function fieldsFromZod(schema: z.ZodType): SanityField[] {
  return fieldsOf(jsonSchemaOf(schema));
}
