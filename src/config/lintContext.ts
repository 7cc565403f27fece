// Shared helpers of the static lint: where a fact came from (file and line, through the
// Scenario's SourceRefs and the loader's ModelSources) and who owns an address. PURE.

import { diag, type Diagnostic, type Severity } from '../core/diagnostic.js';
import type { InterfaceSpec, RouterSpec, Scenario } from '../core/scenario.js';
import type { ModelSources } from './buildScenario.js';
import type { InterfaceFact, RouterFact } from './configState.js';

export interface Where {
  file?: string;
  line?: number;
}

export class LintContext {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly scenario: Scenario, readonly sources?: ModelSources) {}

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

  /** Routers that own `address` on an interface (primary, secondary, virtual) or as PITR RLOC. */
  owners(address: string): RouterSpec[] {
    return this.scenario.routers.filter(
      (r) => r.proxyItrRlocs.includes(address) ||
        r.interfaces.some((i) => i.address === address || i.virtualIps.includes(address) || i.secondary.some((s) => s.address === address)),
    );
  }

  router(name: string): RouterSpec | undefined {
    return this.scenario.routers.find((r) => r.name === name);
  }
}
