// The choices the explorer makes: every transition of the world is one Action (DESIGN.md §2).
// PURE.

export type Action =
  | { type: 'msg.deliver'; id: number }
  | { type: 'msg.drop'; id: number }
  | { type: 'msg.duplicate'; id: number }
  | { type: 'timer.expire'; key: string }
  | { type: 'host.move'; host: string; to: string }
  /** A scenario `together` group: every host moves in this one step (e.g. two VMs swap sites). */
  | { type: 'hosts.move'; moves: readonly { host: string; to: string }[] }
  | { type: 'host.send'; src: string; dst: string }
  | { type: 'host.garp'; host: string }
  | { type: 'xtr.reboot'; router: string }
  | { type: 'ms.restart'; router: string }
  | { type: 'spoof.register'; eid: string }
  /** Scripts only (`simulate --do "wait S"`): let time pass with no timer due; never explored. */
  | { type: 'clock.wait'; until: number };

export type ActionType = Action['type'];

/** A stable one-line form, for traces and `--path`. */
export function actionText(a: Action): string {
  switch (a.type) {
    case 'msg.deliver':
    case 'msg.drop':
    case 'msg.duplicate':
      return `${a.type} #${a.id}`;
    case 'timer.expire':
      return `${a.type} ${a.key}`;
    case 'host.move':
      return `${a.type} ${a.host} -> ${a.to}`;
    case 'hosts.move':
      return `${a.type} ${a.moves.map((m) => `${m.host} -> ${m.to}`).join(', ')}`;
    case 'host.send':
      return `${a.type} ${a.src} -> ${a.dst}`;
    case 'host.garp':
      return `${a.type} ${a.host}`;
    case 'xtr.reboot':
    case 'ms.restart':
      return `${a.type} ${a.router}`;
    case 'spoof.register':
      return `${a.type} ${a.eid}`;
    case 'clock.wait':
      return `${a.type} ${a.until / 1000}s`;
  }
}

/** Faults spend fault budgets and pause the convergence properties (DESIGN.md §3). */
export function isFault(a: Action): boolean {
  return a.type === 'msg.drop' || a.type === 'msg.duplicate' || a.type === 'xtr.reboot' || a.type === 'ms.restart' || a.type === 'spoof.register';
}

/**
 * Equal actions: compared field by field (a group move by its JSON) rather than as two JSON
 * texts, since shrinking compares an action at every step it follows a stored run (prefixRunner.ts).
 */
export function sameAction(a: Action, b: Action): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'msg.deliver':
    case 'msg.drop':
    case 'msg.duplicate':
      return a.id === (b as typeof a).id;
    case 'timer.expire':
      return a.key === (b as typeof a).key;
    case 'host.move':
      return a.host === (b as typeof a).host && a.to === (b as typeof a).to;
    case 'host.send':
      return a.src === (b as typeof a).src && a.dst === (b as typeof a).dst;
    case 'host.garp':
      return a.host === (b as typeof a).host;
    case 'xtr.reboot':
    case 'ms.restart':
      return a.router === (b as typeof a).router;
    case 'spoof.register':
      return a.eid === (b as typeof a).eid;
    default:
      return JSON.stringify(a) === JSON.stringify(b);
  }
}
