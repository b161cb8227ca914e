// Validation errors name a field by the label people see, in their language: every property a
// route's schema accepts (body, query, path) has a label in English, Spanish and French, so no
// error ever shows a schema's name such as `langs` or `bodyMd`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldLabel, fieldName, labelOf } from '../../server/i18n/field-labels.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Schema = { [key: string]: unknown };

/** Every property name a route accepts, from the OpenAPI document the app serves, $refs followed. */
function acceptedNames(doc: Schema): Set<string> {
  const components = ((doc.components as Schema | undefined)?.schemas ?? {}) as Record<string, Schema>;
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const schema = node as Schema;
    if (typeof schema.$ref === 'string') walk(components[schema.$ref.split('/').at(-1)!]);
    for (const [name, value] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
      names.add(name);
      walk(value);
    }
    for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', 'not']) {
      const value = schema[key];
      if (Array.isArray(value)) value.forEach(walk);
      else walk(value);
    }
  };
  for (const methods of Object.values(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const operation of Object.values(methods)) {
      for (const parameter of (operation.parameters ?? []) as { name: string; schema?: unknown }[]) {
        names.add(parameter.name);
        walk(parameter.schema);
      }
      for (const content of Object.values(
        ((operation.requestBody as Schema | undefined)?.content ?? {}) as Record<string, { schema: unknown }>,
      ))
        walk(content.schema);
    }
  }
  return names;
}

/** Fields the services name in their own errors (`new DomainError('validation', { field: 'texts' })`). */
function namedByServices(): string[] {
  const dir = path.resolve(import.meta.dirname, '../../server');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return files.flatMap((file) =>
    [...readFileSync(path.join(dir, file), 'utf8').matchAll(/\bfield: '([\w.]+)'/g)].map((m) => m[1]!),
  );
}

describe('field labels', () => {
  it('label every property a route accepts, in every language', () => {
    const names = acceptedNames(t.app.swagger() as unknown as Schema);
    expect(names.size).toBeGreaterThan(80);
    for (const lang of ['en', 'es', 'fr'] as const) {
      const missing = [...names, 'body', 'querystring', 'params'].filter((name) => !labelOf(lang, name));
      expect(missing, lang).toEqual([]);
      expect(
        namedByServices().filter((field) => !labelOf(lang, fieldName(field))),
        `${lang}: fields services name`,
      ).toEqual([]);
    }
  });

  it('find the property at the end of a path', () => {
    expect(fieldName('texts.0.title')).toBe('title');
    expect(fieldName('/readingLangs/1')).toBe('readingLangs');
    expect(fieldName('')).toBe('body');
    expect(fieldLabel('fr', 'langs')).toBe('Langues');
    expect(fieldLabel('es', 'no_such_property')).toBe('Uno de los campos');
  });

  it('name the field by its label in the caller’s language', async () => {
    const user = await createUser(t.db, { interfaceLang: 'fr' });
    const cookie = await signIn(t, user);
    const refused = await t
      .patch('/api/me')
      .set('Cookie', cookie)
      .send({ readingLangs: ['xx'] })
      .expect(400);
    expect(refused.body.error).toEqual({
      code: 'validation',
      message: 'Vérifiez «\u00a0Langues que vous lisez\u00a0»\u00a0: la valeur est absente ou non valide.',
    });
    const spanish = await t
      .post('/api/auth/sign-in')
      .set('Accept-Language', 'es')
      .send({ email: 'a@example.test' })
      .expect(400);
    expect(spanish.body.error.message).toBe('Revise «Contraseña»: falta o no es válido.');
  });
});
