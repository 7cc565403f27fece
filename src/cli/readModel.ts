// Reads a model folder (or a scenario.yaml path, or the embedded seed lab) from disk and builds
// its Scenario. ADAPTER: the only config code that touches the file system; missing or
// unreadable files become RC201 diagnostics, never throws.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import { LIMITS } from '../core/limits.js';
import type { Scenario } from '../core/scenario.js';
import { buildScenario, type ModelFile, type ModelSources } from '../config/buildScenario.js';
import { CONFIG_CODES as C } from '../config/configCodes.js';
import { matchGlob } from '../config/matchGlob.js';
import { parseScenarioYaml } from '../config/parseScenarioYaml.js';

export interface ReadModelResult {
  scenario?: Scenario;
  diagnostics: Diagnostic[];
  /** Absolute path of the model folder that was read. */
  dir?: string;
  /** Lines of facts, for lint and `roamcheck model`. */
  sources?: ModelSources;
}

/** Folders are small; these bounds only stop a mistaken `roamcheck lint /`. */
const MAX_DEPTH = 4;
const MAX_FILES = 2000;

/** The package root: the nearest package.json named roamcheck above this file (dist/ or src/). */
export function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'roamcheck') return dir;
      } catch {
        // An unreadable package.json on the way up is not ours; keep walking.
      }
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** `undefined` reads the embedded seed lab (`<package>/models/seed-lab`). */
export function readModel(pathOrDir: string | undefined, cwd: string): ReadModelResult {
  let dir: string;
  let scenarioFile = 'scenario.yaml';
  if (pathOrDir === undefined) {
    const root = packageRoot();
    if (!root) return fail('the embedded seed lab is missing: no roamcheck package.json above the installed files', 'reinstall roamcheck');
    dir = join(root, 'models', 'seed-lab');
  } else {
    const abs = resolve(cwd, pathOrDir);
    if (!existsSync(abs)) return fail(`model not found: ${pathOrDir}`, 'give a model folder (with scenario.yaml and *.cfg) or a scenario.yaml path', pathOrDir);
    if (safeStat(abs)?.isFile()) {
      if (!/\.ya?ml$/.test(abs)) return fail(`${pathOrDir} is not a model folder or a scenario YAML file`, 'give the folder that holds the configs and scenario.yaml', pathOrDir);
      dir = dirname(abs);
      scenarioFile = basename(abs);
    } else dir = abs;
  }
  const shown = display(dir, cwd);
  const diagnostics: Diagnostic[] = [];
  const read = (rel: string): string | undefined => {
    try {
      const full = join(dir, rel);
      // Checked before reading, so an oversized file costs nothing (README "Limits").
      const limit = rel === scenarioFile ? LIMITS.scenarioBytes : LIMITS.configBytes;
      const size = statSync(full).size;
      if (size > limit) {
        diagnostics.push(
          diag('error', C.tooLarge, `${rel} is ${size} bytes, more than the limit of ${limit}`, {
            file: join(shown, rel),
            hint: rel === scenarioFile ? 'a scenario is a few kilobytes' : 'is this a router running config?',
          }),
        );
        return undefined;
      }
      return readFileSync(full, 'utf8');
    } catch (e) {
      diagnostics.push(diag('error', C.fileUnreadable, `cannot read ${rel}: ${(e as Error).message}`, { file: join(shown, rel) }));
      return undefined;
    }
  };
  if (!existsSync(join(dir, scenarioFile))) {
    // buildScenario owns the "no scenario.yaml" diagnostic (RC202).
    return finish(buildScenario({ dir: shown, files: [] }), dir);
  }
  const scenarioText = read(scenarioFile);
  if (scenarioText === undefined) return { diagnostics, dir };
  const globs = parseScenarioYaml(scenarioText, join(shown, scenarioFile)).doc.routers?.map((g) => g.glob) ?? ['*.cfg'];
  const files: ModelFile[] = [{ path: scenarioFile, text: scenarioText }];
  for (const rel of listFiles(dir)) {
    if (rel === scenarioFile || !globs.some((g) => matchGlob(g, rel))) continue;
    const text = read(rel);
    if (text !== undefined) files.push({ path: rel, text });
  }
  const built = buildScenario({ dir: shown, files, scenarioFile });
  // A file that could not be read makes the model incomplete: no scenario then.
  const scenario = diagnostics.length === 0 ? built.scenario : undefined;
  return finish({ ...built, scenario, diagnostics: [...diagnostics, ...built.diagnostics] }, dir);
}

function finish(b: ReturnType<typeof buildScenario>, dir: string): ReadModelResult {
  return { ...(b.scenario ? { scenario: b.scenario } : {}), diagnostics: b.diagnostics, dir, sources: b.sources };
}

function fail(message: string, hint: string, file?: string): ReadModelResult {
  return { diagnostics: [diag('error', C.fileUnreadable, message, { hint, ...(file ? { file } : {}) })] };
}

function safeStat(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** How a folder is shown in diagnostics: relative to cwd when inside it, else absolute. */
function display(dir: string, cwd: string): string {
  const rel = relative(cwd, dir);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? dir : rel.split(sep).join('/');
}

/** Relative paths (forward slashes) of regular files, skipping dot folders and node_modules. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return; // an unreadable subfolder holds no model files we could use
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= MAX_FILES || e.name.startsWith('.') || e.name === 'node_modules') continue;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && depth < MAX_DEPTH) walk(path, depth + 1);
      else if (e.isFile()) out.push(path);
    }
  };
  walk('', 0);
  return out;
}
