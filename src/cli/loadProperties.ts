// The property suite of a run: the built-in properties plus those of the user's modules
// (`check --properties FILE`). ADAPTER (dynamic import). Each export that looks like a property
// (it has an `id`, `init` or `step`) is checked against a valibot schema, so a misspelt field is a
// diagnostic naming the file, the export and the field (RC106) instead of a crash mid-run.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import type { Property, PropertyKind } from '../core/properties/property.js';
import { isReservedKey } from '../core/reservedKey.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';

const KINDS = ['safety', 'safety + quiescence', 'convergence', 'safety (security)'] as const satisfies readonly PropertyKind[];
// Fails to compile when PropertyKind gains a kind this list lacks.
const everyKind: Exclude<PropertyKind, (typeof KINDS)[number]> extends never ? true : never = true;
void everyKind;

const fn = v.function('must be a function');
const text = v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'));

/** What a user's property must export (DESIGN.md §3); other fields are kept as they are. */
const propertySchema = v.looseObject({
  id: v.pipe(
    text,
    v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, (i) => `must be a kebab-case id such as "vm1-stays-home", got ${JSON.stringify(i.input)}`),
    v.check((id) => !isReservedKey(id), 'must not be a name every JavaScript object has'),
  ),
  description: text,
  reference: text,
  kind: v.picklist(KINDS, `must be one of ${KINDS.map((k) => `"${k}"`).join(', ')}`),
  init: fn,
  step: fn,
  key: fn,
});

/** An export meant as a property: an object with any of the fields only a property has. */
function looksLikeProperty(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && ['id', 'init', 'step'].some((k) => Object.hasOwn(x, k));
}

export async function loadProperties(files: readonly string[], cwd: string): Promise<{ properties: Property<any>[]; diagnostics: Diagnostic[] }> {
  const properties: Property<any>[] = [...BUILTIN_PROPERTIES];
  const diagnostics: Diagnostic[] = [];
  const ids = new Map<string, string>(BUILTIN_PROPERTIES.map((p) => [p.id, 'the built-in properties']));
  for (const file of files) {
    let mod: Record<string, unknown>;
    try {
      mod = await import(pathToFileURL(resolve(cwd, file)).href);
    } catch (e) {
      diagnostics.push(diag('error', 'RC106', `--properties: cannot load ${file}: ${(e as Error).message.split('\n')[0]}`, { file, hint: 'give a compiled .js module' }));
      continue;
    }
    let found = 0;
    for (const [name, x] of Object.entries(mod)) {
      if (!looksLikeProperty(x)) continue;
      found++;
      const r = v.safeParse(propertySchema, x);
      for (const issue of r.issues ?? []) {
        const field = issue.path?.map((p) => String(p.key)).join('.') ?? '';
        const must = issue.received === 'undefined' ? 'is missing' : issue.message;
        diagnostics.push(
          diag('error', 'RC106', `--properties: export "${name}"${field ? ` field "${field}"` : ''} ${must}`, {
            file,
            hint: 'export const myProperty = defineProperty({ id, description, reference, kind, init, step, key })',
          }),
        );
      }
      if (!r.success) continue;
      const id = r.output.id;
      const twin = ids.get(id);
      if (twin) {
        diagnostics.push(diag('error', 'RC106', `--properties: export "${name}" has id "${id}", already used by ${twin}`, { file, hint: 'give every property its own id' }));
        continue;
      }
      ids.set(id, file);
      // The module's own object, not the schema's copy: its functions may close over its fields.
      properties.push(x as unknown as Property<any>);
    }
    if (found === 0)
      diagnostics.push(
        diag('error', 'RC106', `--properties: ${file} exports no property`, { file, hint: 'export const myProperty = defineProperty({ id, description, reference, kind, init, step, key })' }),
      );
  }
  return { properties, diagnostics };
}
