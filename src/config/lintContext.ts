// Shared helpers of the static lint: where a fact came from (file and line, through the
// Scenario's SourceRefs and the loader's ModelSources) and who owns an address (the world's rule,
// world/topology.ts). PURE.

import { diag, type Diagnostic, type Severity } from '../core/diagnostic.js';
import type { InterfaceSpec, RouterSpec, Scenario } from '../core/scenario.js';
import { compileTopology } from '../core/world/topology.js';
import type { ModelSources } from './buildScenario.js';
import type { InterfaceFact, RouterFact } from './configState.js';

export interface Where {
  file?: string;
  line?: number;
}

export class LintContext {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly scenario: Scenario,
    readonly sources?: ModelSources,
  ) {}

  add(severity: Severity, code: string, where: Where, message: string, hint: string): void {
    this.diagnostics.push(diag(severity, code, message, { ...where, hint }));
  }

  /** A router fact's line (`usePetr`, `mapResolver` …), or the file alone. */
  routerAt(r: RouterSpec, fact?: RouterFact): Where {
    const src = this.sources?.routers[r.name];
    const line = fact ? src?.lines.router[fact] : undefined;
    return { file: src?.file ?? r.file, ...(line ? { line } : {}) };
  }

  /** An interface fact's line, falling back to its `interface` line. */
  ifaceAt(r: RouterSpec, i: InterfaceSpec, fact?: InterfaceFact): Where {
    const line = (fact ? this.sources?.routers[r.name]?.lines.interfaces[i.name]?.[fact] : undefined) ?? i.source?.line;
    return { file: i.source?.file ?? this.routerAt(r).file, ...(line ? { line } : {}) };
  }

  /** A scenario.yaml value's line by path, falling back to `fallback`. */
  yamlAt(path: string, fallback?: number): Where {
    const line = this.sources?.yaml[path] ?? fallback;
    return { ...(this.sources ? { file: this.sources.scenarioFile } : {}), ...(line ? { line } : {}) };
  }

  private ownerMap?: Map<string, string>;

  /**
   * The router the world delivers messages for `address` to (world/topology.ts `owner`): the one
   * with it on an interface, else the one claiming it as RLOC or proxy-itr locator. Lint checks
   * targets against this owner so that it never disagrees with what `check` explores.
   */
  owner(address: string): RouterSpec | undefined {
    this.ownerMap ??= compileTopology(this.scenario).owner;
    const name = this.ownerMap.get(address);
    return name === undefined ? undefined : this.router(name);
  }

  router(name: string): RouterSpec | undefined {
    return this.scenario.routers.find((r) => r.name === name);
  }
}
