// Which pending timers are control-plane retransmissions (Map-Register, Map-Notify,
// Map-Request): a quiet control plane has none (DESIGN.md §3). PURE. Its own file so that the
// timer list can count them as timers come and go (timerList.ts), for the quiet test, and the
// registration diagnosis can name them (diagnoseRegistration.ts), with the one rule.

/** Timer names of retransmissions of control messages (dynEidMachine, mapServerMachine, mapCacheMachine). */
function isRetransmission(name: string): boolean {
  return name === 'retx' || name === 'retry' || name.startsWith('nretx:');
}

/** A control actor's retransmission timer (an ARP actor's retries are not control-plane messages). */
export function isControlRetransmission(t: { actor: string; name: string }): boolean {
  return !t.actor.startsWith('arp|') && isRetransmission(t.name);
}
