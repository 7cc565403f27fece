// Builds the typed Scenario from a model folder's texts: router configs selected by the `routers:`
// globs (default every *.cfg) and scenario.yaml (DESIGN.md §5). PURE: the caller reads files.
// Returns a scenario only when there is no error; diagnostics always; sources for lint/`model`.

import { hasErrors, diag, type Diagnostic } from '../core/diagnostic.js';
import { DEFAULT_BOUNDS, DEFAULT_TIMERS, type RouterSpec, type Scenario } from '../core/scenario.js';
import { checkAddressOwnership } from './checkAddressOwnership.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { matchGlob } from './matchGlob.js';
import { parseIosConfig, type ConfigLines } from './parseIosConfig.js';
import { parseScenarioYaml } from './parseScenarioYaml.js';
import { resolveScenarioDoc } from './resolveScenarioDoc.js';

export interface ModelFile {
  /** Path relative to the model folder, forward slashes (`core.cfg`, `configs/dc1.cfg`). */
  path: string;
  text: string;
}

export interface BuildInput {
  /** The folder as shown in diagnostics (`models/seed-lab`); also the default scenario name. */
  dir?: string;
  files: ModelFile[];
  /** Which file is the scenario (default: `scenario.yaml` at the top of the folder). */
  scenarioFile?: string;
}

/** Where facts came from, beyond the Scenario's own SourceRefs (for lint and `roamcheck model`). */
export interface ModelSources {
  scenarioFile: string;
  /** Line of every scenario.yaml value by path, e.g. `hosts[0].moves[1]`. */
  yaml: Record<string, number>;
  routers: Record<string, { file: string; lines: ConfigLines }>;
}

export interface BuildResult {
  scenario?: Scenario;
  diagnostics: Diagnostic[];
  sources: ModelSources;
}

/** Path as shown to the user: the folder joined with the file's relative path. */
export function displayPath(dir: string | undefined, path: string): string {
  return !dir || dir === '.' ? path : `${dir.replace(/\/+$/, '')}/${path}`;
}

export function buildScenario(input: BuildInput): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const scenarioPath = input.scenarioFile ?? input.files.find((f) => f.path === 'scenario.yaml' || f.path === 'scenario.yml')?.path;
  const scenarioText = input.files.find((f) => f.path === scenarioPath)?.text;
  const sources: ModelSources = { scenarioFile: displayPath(input.dir, scenarioPath ?? 'scenario.yaml'), yaml: {}, routers: {} };
  if (scenarioPath === undefined || scenarioText === undefined) {
    diagnostics.push(diag('error', C.noScenario, 'the model folder has no scenario.yaml', { file: input.dir ?? '.', hint: 'add scenario.yaml (DESIGN.md §5): name, hosts, clients, traffic …' }));
    return { diagnostics, sources };
  }
  const yaml = parseScenarioYaml(scenarioText, sources.scenarioFile);
  diagnostics.push(...yaml.diagnostics);
  sources.yaml = yaml.lines;
  const { doc } = yaml;

  // Router configs: every file matched by a glob, each once, in path order.
  const candidates = input.files.filter((f) => f.path !== scenarioPath).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const globs = doc.routers ?? [{ glob: '*.cfg', path: 'routers', line: 0 }];
  if (globs.length === 0) {
    diagnostics.push(diag('error', C.noRouters, '"routers" lists no config', { file: sources.scenarioFile, line: yaml.lines.routers ?? 1, hint: 'leave it out to use every *.cfg in the folder' }));
  }
  const chosen = new Set<string>();
  for (const g of globs) {
    const hits = candidates.filter((f) => matchGlob(g.glob, f.path));
    if (hits.length === 0) {
      diagnostics.push(
        diag('error', C.noRouters, `no router config matches "${g.glob}"`, {
          file: sources.scenarioFile,
          ...(g.line ? { line: g.line } : {}),
          hint: 'router configs are IOS/IOS-XE running configs, by default *.cfg in the model folder',
        }),
      );
    }
    for (const f of hits) chosen.add(f.path);
  }
  const routers: RouterSpec[] = [];
  for (const f of candidates.filter((c) => chosen.has(c.path))) {
    const shown = displayPath(input.dir, f.path);
    const parsed = parseIosConfig(f.text, shown);
    diagnostics.push(...parsed.diagnostics);
    const twin = routers.find((r) => r.name === parsed.router.name);
    if (twin) {
      diagnostics.push(
        diag('error', C.duplicateName, `router name "${parsed.router.name}" is also the hostname in ${twin.file}`, {
          file: shown,
          line: parsed.lines.router.hostname ?? 1,
          hint: 'every router config needs its own hostname',
        }),
      );
      continue;
    }
    routers.push({ ...parsed.router, file: f.path });
    sources.routers[parsed.router.name] = { file: shown, lines: parsed.lines };
  }
  routers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  diagnostics.push(...checkAddressOwnership(routers, sources));

  const resolved = resolveScenarioDoc(doc, routers, sources.scenarioFile);
  diagnostics.push(...resolved.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics, sources };
  const base = input.dir?.replace(/\/+$/, '').split('/').pop();
  const scenario: Scenario = {
    name: doc.name ?? (base && base !== '.' && base !== '..' ? base : 'model'),
    description: doc.description ?? '',
    routers,
    hosts: resolved.hosts,
    clients: resolved.clients,
    segments: resolved.segments,
    traffic: resolved.traffic,
    ...(resolved.together.length ? { together: resolved.together } : {}),
    timers: { ...DEFAULT_TIMERS, ...doc.timers },
    registration: doc.registration ?? 'last-writer',
    bounds: { ...DEFAULT_BOUNDS, ...doc.bounds },
    ...(doc.convergence ? { convergence: doc.convergence } : {}),
    expect: resolved.expect,
  };
  return { scenario, diagnostics, sources };
}
