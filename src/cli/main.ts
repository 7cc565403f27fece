// The roamcheck command line: one commander program, each command a function of (args, io).
// ADAPTER. Exit codes (DESIGN.md §6, fail.ts EXIT): 0 holds, 1 violation/findings, 2 invalid
// input, 3 internal error, 4 undecided (`unknown`: a budget ran out or the run was interrupted).

import { Command, CommanderError, Option } from 'commander';
import type { Io } from './io.js';
import { lintCommand } from './lintCommand.js';
import { modelCommand } from './modelCommand.js';
import { mutantsCommand } from './mutantsCommand.js';
import { simulateCommand } from './simulateCommand.js';
import { checkCommand } from './checkCommand.js';
import { replayCommand } from './replayCommand.js';
import { traceCommand } from './traceCommand.js';
import { diagramCommand } from './diagramCommand.js';
import { generateCommand } from './generateCommand.js';
import { mergeCommand } from './mergeCommand.js';

export { VERSION } from './version.js';
export { processIo } from './io.js';
import { VERSION } from './version.js';
import { EXIT } from './fail.js';
import { escapeControls } from '../render/terminalText.js';

const EXIT_CODES = `
Exit codes:
  0  every property decided and holds (with --expect: every verdict as expected)
  1  a violation (with --expect: a decided verdict that differs), or lint findings
  2  invalid input: bad options or files, an empty selection, a user property that throws
  3  internal error (a bug in roamcheck)
  4  undecided: some property unknown (a budget ran out, or interrupted), none violated
  An interrupt (Ctrl-C, SIGTERM) stops the search, prints what was decided and exits 1 if a
  violation was found, else 4; a second one quits at once (130).`;

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Run the CLI on `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  const program = new Command('roamcheck')
    .description('Property-based model checker for LISP host-mobility (dynamic-EID) correctness')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError(false)
    .addHelpText('after', EXIT_CODES);

  const runOpts = (c: Command) =>
    c
      .addOption(new Option('--bounds <list>', 'override bounds, e.g. moves=1,losses=0').argParser(collect))
      .addOption(new Option('--set <key=value>', 'override a scenario option, e.g. registration=timestamped').argParser(collect))
      .option('--mutant <id>', 'switch on a deliberate bug from the zoo (see `roamcheck mutants`)');

  runOpts(
    program
      .command('simulate')
      .description('run scripted actions, delivering messages in order, and print the event log')
      .argument('[model]', 'model folder (default: the embedded seed lab)')
      .addOption(new Option('--do <action>', 'send SRC DST | move HOST ROUTER [IFACE] | wait SECONDS | garp HOST | drop TYPE').argParser(collect))
      .option('--json', 'print the run as a trace (JSON)'),
  ).action(async (model, opts) => {
    code = await simulateCommand(model, opts, io);
  });

  runOpts(
    program
      .command('check')
      .description('check properties on a model (random interleavings with shrinking, or --exhaustive)')
      .argument('[models...]', 'model folders (default: the embedded seed lab)')
      .addOption(new Option('-p, --property <id>', 'check only this property (repeatable)').argParser(collect))
      .addOption(new Option('--properties <file>', 'also load properties from a compiled JS module (repeatable)').argParser(collect))
      .option('-n, --runs <n>', 'random schedules per property', '10000')
      .option('-s, --seed <n>', 'seed of the random generator', '1')
      .option('--max-steps <n>', 'longest schedule (default: the scenario bound `steps`)')
      .option('--path <path>', 'replay one fast-check path (from a reproduce line)')
      .option('--exhaustive', 'breadth-first search of every interleaving up to --depth')
      .option('--depth <n>', 'exhaustive search depth (default 16; 100 on the default exhaustive ladder, whose rungs end sooner)')
      .option('--max-states <n>', 'exhaustive state budget (verdict unknown past it)', '1000000')
      .option('--time-limit <seconds>', 'wall-clock budget per property')
      .option('--shortest-budget <states>', 'random mode: states a breadth-first search for a shorter counterexample may store after shrinking (default 200000; 0: no search)')
      .option('--por', 'exhaustive: partial-order reduction (sleep sets): skip transitions that commute with one already explored (same states, verdicts and counterexample lengths)')
      .option('--symmetry', 'exhaustive: symmetry reduction: states that differ only by a renaming of interchangeable hosts are searched once (the count is of orbits)')
      .option('--memory <MiB>', 'exhaustive heap budget (verdict unknown past it; default 3/4 of the V8 heap limit)')
      .option('--workers <n>', 'worker threads that share the properties and their runs (default: every core the job pays for; the report is the same for any N)')
      .option('--shard <i/n>', 'check only shard I of N of the selected properties')
      .option('--json', 'print the report as JSON')
      .option('--trace-dir <dir>', 'where counterexample traces are saved', '.roamcheck/traces')
      .option('--expect', "compare verdicts with the model's expect block (`vacuous` must be expected by name)")
      .option('--strict', 'treat lint errors in the model as invalid input (exit 2, nothing checked)')
      .option('--coverage', 'also report what the exploration exercised: machine states and transitions, messages, timers, faults, properties')
      .addOption(
        new Option(
          '--compare <key=value>',
          'also run a variant (any --set KEY=VALUE, or nbr-proxy-reply|local-proxy-arp|proxy-arp|liveness-test=on|off on every lisp mobility interface) and compare verdicts; repeatable',
        ).argParser(collect),
      )
      .option('--against <model>', 'also run another model folder with the same options and seeds, and compare verdicts')
      .addHelpText('after', EXIT_CODES),
  ).action(async (models, opts) => {
    code = await checkCommand(models, opts, io);
  });

  program
    .command('replay')
    .description('re-run a saved trace and print it step by step; exit 1 if it still violates')
    .argument('<trace>', 'trace file (JSON)')
    .option('--json', 'print the re-run trace as JSON')
    .action(async (trace, opts) => {
      code = await replayCommand(trace, opts, io);
    });

  program
    .command('trace')
    .description('render a saved trace: show (each step and what it changed), html (self-contained explorer), mermaid (sequence diagram), itf (Informal Trace Format)')
    .argument('<format>', 'show | html | mermaid | itf')
    .argument('<trace>', 'trace file (JSON)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--force', 'overwrite the output file if it exists')
    .option('--full', 'show: the whole state after every step, not only what changed')
    .option('--log', 'show: also every line each node logged')
    .option('--no-color', 'show: no colour (also off without a TTY or with NO_COLOR)')
    .option('--format <format>', 'mermaid: mermaid (the diagram as text, default) | svg (the diagram drawn)')
    .action(async (format, trace, opts) => {
      code = await traceCommand(format, trace, opts, io);
    });

  program
    .command('diagram')
    .description("documentation diagrams (Mermaid or SVG): the machines, or a model's topology")
    .argument('<kind>', 'machines | topology')
    .argument('[model]', 'model folder for topology (default: the embedded seed lab)')
    .option('-o, --output <dir>', 'write one file per diagram into this folder')
    .option('--format <format>', 'mermaid (text, .mmd) | svg (a picture laid out by Graphviz)', 'mermaid')
    .option('--force', 'overwrite existing files')
    .action(async (kind, model, opts) => {
      code = await diagramCommand(kind, model, opts, io);
    });

  program
    .command('lint')
    .description('static checks of router configs and scenario')
    .argument('[models...]', 'model folders (default: the embedded seed lab)')
    .option('--json', 'print diagnostics as JSON')
    .action(async (models, opts) => {
      code = await lintCommand(models, opts, io);
    });

  program
    .command('model')
    .description('print what roamcheck understood of the configs and scenario')
    .argument('[model]', 'model folder (default: the embedded seed lab)')
    .option('--json', 'print the Scenario as JSON')
    .action(async (model, opts) => {
      code = await modelCommand(model, opts, io);
    });

  program
    .command('mutants')
    .description('list the bug zoo; with --check, judge every mutant on a model (random and exhaustive)')
    .argument('[model]', 'model folder for --check (default: the embedded seed lab)')
    .option('--check', 'run each mutant against the property it must break and print the table')
    .option('-n, --runs <n>', 'random schedules per mutant (--check)', '10000')
    .option('-s, --seed <n>', 'seed (--check)', '1')
    .option('--depth <n>', 'exhaustive depth (--check)', '30')
    .option('--shortest-budget <states>', 'states the search for a shorter random-mode story may store (--check; default 200000; 0: none)')
    .option('--json', 'print as JSON')
    .action(async (model, opts) => {
      code = await mutantsCommand(model, opts, io);
    });

  program
    .command('generate')
    .description('write a synthetic model folder: N xTR sites, one MS/MR, K PITRs, M moving hosts')
    .option('--sites <n>', 'xTR sites')
    .option('--hosts <n>', 'hosts, spread over the sites, each allowed to move to random other sites')
    .option('--pitrs <n>', 'PITRs (the first is also PETR), each with one client', '1')
    .option('--seed <n>', 'seed of the generator (same seed, same files)', '1')
    .option('--steps <n>', 'bounds.steps of the scenario (default: shorter for more hosts, so a default check takes about a minute)')
    .option('-o, --output <dir>', 'model folder to write (default: ./generated-NxM)')
    .option('--force', 'write into an existing folder')
    .action(async (opts) => {
      code = await generateCommand(opts, io);
    });

  program
    .command('merge')
    .description('combine the `check --json` reports of --shard runs (or of several seeds) into one report')
    .argument('<reports...>', 'check --json report files')
    .option('--json', 'print the merged report as JSON')
    .action(async (reports, opts) => {
      code = await mergeCommand(reports, opts, io);
    });

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    io.err(`roamcheck: internal error: ${escapeControls((e as Error).message)}\n(this is a bug in roamcheck; please report it with the command line)\n`);
    return EXIT.internal;
  }
}
