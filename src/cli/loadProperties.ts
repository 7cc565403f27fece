// The property suite of a run: the built-in properties plus those of the user's modules
// (`check --properties FILE`). ADAPTER (dynamic import). Problems are diagnostics.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import type { Property } from '../core/properties/property.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';

export async function loadProperties(files: readonly string[], cwd: string): Promise<{ properties: Property<any>[]; diagnostics: Diagnostic[] }> {
  const properties: Property<any>[] = [...BUILTIN_PROPERTIES];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    try {
      const mod = await import(pathToFileURL(resolve(cwd, file)).href);
      const found = Object.values(mod).filter((v): v is Property<any> => !!v && typeof v === 'object' && typeof (v as Property).step === 'function' && typeof (v as Property).id === 'string');
      if (found.length === 0) diagnostics.push(diag('error', 'RC106', `--properties: ${file} exports no property`, { file, hint: 'export const myProperty = defineProperty({ id, description, reference, kind, init, step, key })' }));
      properties.push(...found);
    } catch (e) {
      diagnostics.push(diag('error', 'RC106', `--properties: cannot load ${file}: ${(e as Error).message.split('\n')[0]}`, { file, hint: 'give a compiled .js module' }));
    }
  }
  return { properties, diagnostics };
}
