// How request schemas are compiled: JSON bodies are taken as sent (a number is not a post's
// text), while params, querystrings and headers, which arrive as strings, are coerced — but only
// from plain decimal numerals, so "Infinity", "1e400" or "0x10" is a bad id, not a number.
// @see https://fastify.dev/docs/latest/Reference/Validation-and-Serialization/#validator-compiler
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

/** Fastify's own defaults (@fastify/ajv-compiler), with the coercion chosen per part. */
const base: Options = { useDefaults: true, removeAdditional: true, addUsedSchema: false, allErrors: false };
const exact = addFormats(new Ajv({ ...base, coerceTypes: false }));
const coercing = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));

/** What a number written in a URL or header may look like: digits, a sign, a decimal part. */
const DECIMAL = /^-?\d{1,16}(\.\d{1,16})?$/;

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** A string part's validator that refuses numbers coerced from anything but a plain decimal numeral. */
function decimalOnly(validate: ValidateFunction): Validator {
  const check: Validator = (data) => {
    const raw = data && typeof data === 'object' ? { ...(data as Record<string, unknown>) } : {};
    if (!validate(data)) {
      check.errors = validate.errors;
      return false;
    }
    if (!data || typeof data !== 'object') return true;
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      const values = [value].flat();
      const sent = [raw[key]].flat();
      // A number that was sent as text must have been a plain numeral; one absent from the request is a schema default.
      const bad = values.some((v, i) => typeof v === 'number' && typeof sent[i] === 'string' && !DECIMAL.test(sent[i]));
      if (bad) {
        check.errors = [
          {
            instancePath: `/${key}`,
            schemaPath: '#/type',
            keyword: 'type',
            params: { type: 'number' },
            message: 'must be a decimal number',
          },
        ];
        return false;
      }
    }
    check.errors = null;
    return true;
  };
  return check;
}

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return exact.compile(schema);
  return decimalOnly(coercing.compile(schema));
};
