import { _, Ajv2020, type AnySchemaObject } from 'ajv/dist/2020.js';
import type { DataValidationCxt } from 'ajv/dist/types/index.js';
import type { z } from 'zod';
import {
  hasNoNul,
  lowercaseId,
  nullAsAbsent,
  orukServiceSchema,
  parseOrukService,
  type OrukService,
  type ParseResult,
} from './oruk.schema.ts';

// The import's fast path for validating ORUK services: the zod schema in oruk.schema.ts compiled by Ajv, so
// that there is still one definition of a valid record. Ajv checks the shape (objects, lists, required
// fields) in generated code. Text and ids it checks inline, calling the very functions the zod schema
// builds them with; fixed lists of words and plain numbers with Ajv's own `enum` and `type: 'number'`; every
// other leaf (URL, email, date...) through that leaf's own zod schema. It normalises in place as zod would:
// fields sent as null or that Signpost does not know are deleted, ids lowercased. The input must be a tree
// (as parsed JSON is): an object met twice under different schemas would be normalised for both. A record it
// rejects goes through parseOrukService, which gives the reasons. About three times faster than zod's
// whole-object parse, with half the garbage per record (import README). Anything in the schema it cannot
// mirror exactly (unions, refinements of objects or lists, strict or loose objects...) fails at compile time.

type ZodNode = z.core.$ZodType;

/** The zod types a leaf may be (a pipe only as a value ending in a transform, such as an id). */
const LEAF_TYPES = new Set(['string', 'number', 'enum', 'pipe']);

/** The JSON Schema (Ajv's dialect) for a zod schema built from objects, lists, optional fields and leaves. */
function toAjvSchema(node: ZodNode, leaves: ZodNode[]): AnySchemaObject {
  const def = node._zod.def;
  if ((def.type === 'object' || def.type === 'array') && (def.checks ?? []).length > 0) {
    throw new Error(`oruk.import-parse: checks on a zod ${def.type} are not supported; extend toAjvSchema`);
  }
  if (def.type === 'object' && (def as z.core.$ZodObjectDef).catchall !== undefined) {
    throw new Error('oruk.import-parse: only a plain z.object (unknown fields stripped) is supported');
  }
  if (def.type === 'object') {
    const properties: Record<string, AnySchemaObject> = {};
    const required: string[] = [];
    const optional: string[] = [];
    for (const [key, child] of Object.entries((def as z.core.$ZodObjectDef).shape)) {
      const inner = optionalInner(child);
      properties[key] = toAjvSchema(inner ?? child, leaves);
      (inner === undefined ? required : optional).push(key);
    }
    return { type: 'object', absentWhenNull: optional, required, properties };
  }
  if (def.type === 'array') {
    return { type: 'array', items: toAjvSchema((def as z.core.$ZodArrayDef).element, leaves) };
  }
  if (LEAF_TYPES.has(def.type)) {
    return nativeLeaf(def) ?? zodLeaf(node, leaves);
  }
  throw new Error(`oruk.import-parse: zod type ${def.type} is not supported; extend toAjvSchema`);
}

/**
 * The leaves nearly every field is, checked in Ajv's own code: text (any string without NUL), an id (a
 * UUID, lowercased), one of a list of words, a number. Text and ids are recognised by the very functions
 * oruk.schema.ts builds them with.
 */
function nativeLeaf(def: z.core.$ZodTypeDef): AnySchemaObject | undefined {
  const checks = def.checks ?? [];
  if (def.type === 'enum') {
    return { enum: Object.values((def as z.core.$ZodEnumDef).entries) };
  }
  if (def.type === 'number' && checks.length === 0) {
    // Ajv's strictNumbers (on by default, and with `strict`), like zod, refuses NaN and the infinities.
    return { type: 'number' };
  }
  if (
    def.type === 'string' &&
    !('format' in def) &&
    checks.length === 1 &&
    isCheck(checks[0]?._zod.def, hasNoNul)
  ) {
    return { type: 'string', withoutNul: true };
  }
  if (def.type !== 'pipe') {
    return undefined;
  }
  const { in: first, out } = def as z.core.$ZodPipeDef;
  const inner = first._zod.def;
  const transform = out._zod.def;
  if (
    inner.type === 'string' &&
    (inner.checks ?? []).length === 0 &&
    (inner as z.core.$ZodStringFormatDef).format === 'guid' &&
    transform.type === 'transform' &&
    (transform as z.core.$ZodTransformDef).transform === lowercaseId
  ) {
    // Only a pattern without flags means the same in Ajv's pattern keyword.
    const pattern = (inner as z.core.$ZodStringFormatDef).pattern;
    return pattern === undefined || pattern.flags !== ''
      ? undefined
      : { type: 'string', pattern: pattern.source, lowercased: true };
  }
  return undefined;
}

/** Whether a zod check is a refinement by this very function. */
function isCheck(check: z.core.$ZodCheckDef | undefined, fn: (v: string) => boolean): boolean {
  return check?.check === 'custom' && (check as z.core.$ZodCustomDef).fn === fn;
}

/** Any other leaf: checked (and transformed) by its own zod schema. */
function zodLeaf(node: ZodNode, leaves: ZodNode[]): AnySchemaObject {
  const def = node._zod.def;
  if (def.type === 'pipe' && (def as z.core.$ZodPipeDef).out._zod.def.type !== 'transform') {
    throw new Error('oruk.import-parse: only a leaf may end in a transform');
  }
  leaves.push(node);
  return { zodLeaf: leaves.length - 1 };
}

/** The schema inside `optional(...)` (oruk.schema.ts), or undefined for a required field. */
function optionalInner(node: ZodNode): ZodNode | undefined {
  const def = node._zod.def;
  if (def.type !== 'pipe') {
    return undefined;
  }
  const { in: first, out } = def as z.core.$ZodPipeDef;
  const firstDef = first._zod.def;
  if (firstDef.type !== 'transform' || (firstDef as z.core.$ZodTransformDef).transform !== nullAsAbsent) {
    return undefined;
  }
  if (out._zod.def.type !== 'optional') {
    throw new Error('oruk.import-parse: nullAsAbsent must precede .optional()');
  }
  return (out._zod.def as z.core.$ZodOptionalDef).innerType;
}

/**
 * Compiles a zod schema made of objects, lists, `optional(...)` fields and leaves into an Ajv validator that
 * normalises its input in place as the schema would; throws for any other zod type.
 * @param schema - a zod schema such as orukServiceSchema
 */
export function compileValidator(schema: ZodNode): (data: unknown) => boolean {
  const leaves: ZodNode[] = [];
  const root = toAjvSchema(schema, leaves);
  // unicodeRegExp off: the id pattern is zod's own, compiled with the same flags as zod compiles it.
  const ajv = new Ajv2020({ removeAdditional: 'all', allErrors: false, strict: true, unicodeRegExp: false });
  // The keywords used on every value are generated inline (no call, no garbage per value), each calling the
  // very function oruk.schema.ts uses.
  ajv.addKeyword({
    keyword: 'withoutNul',
    type: 'string',
    schemaType: 'boolean',
    code: (cxt) => {
      cxt.pass(_`${cxt.gen.scopeValue('func', { ref: hasNoNul })}(${cxt.data})`);
    },
  });
  ajv.addKeyword({
    keyword: 'lowercased',
    type: 'string',
    schemaType: 'boolean',
    code: ({ gen, data, it }) => {
      const lower = gen.const('lower', _`${gen.scopeValue('func', { ref: lowercaseId })}(${data})`);
      gen.if(_`${lower} !== ${data}`, () => gen.assign(_`${it.parentData}[${it.parentDataProperty}]`, lower));
    },
  });
  ajv.addKeyword({
    keyword: 'zodLeaf',
    schemaType: 'number',
    modifying: true,
    errors: false,
    compile: (index: number) => {
      const leaf = leaves[index] as z.ZodType;
      return (data: unknown, cxt?: DataValidationCxt): boolean => {
        const result = leaf.safeParse(data);
        if (!result.success) {
          return false;
        }
        if (result.data !== data && cxt !== undefined) {
          (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = result.data;
        }
        return true;
      };
    },
  });
  ajv.addKeyword({
    keyword: 'absentWhenNull',
    type: 'object',
    schemaType: 'array',
    before: 'required',
    code: ({ gen, data, schema }) => {
      for (const key of schema as string[]) {
        gen.if(_`${data}[${key}] === null`, () => gen.code(_`delete ${data}[${key}]`));
      }
    },
  });
  return ajv.compile(root);
}

const validService = compileValidator(orukServiceSchema);

/**
 * Validates one ORUK service from a feed, as parseOrukService does, but faster. Takes the record over:
 * it is normalised in place and becomes the returned value, so the caller must not use `raw` again.
 * @param raw - parsed JSON, owned by the caller until now
 */
export function takeOrukService(raw: unknown): ParseResult<OrukService> {
  if (validService(raw)) {
    return { ok: true, value: raw as OrukService };
  }
  return parseOrukService(raw);
}
