// Splits a printed IOS/IOS-XE running config into logical lines (1-based line numbers, indent,
// words), dropping banner bodies, comments and everything after `end`. PURE.
// Nesting is decided later from relative indentation and `exit`, never from exact widths.

export interface ConfigLine {
  /** 1-based line number in the file. */
  line: number;
  /** Leading whitespace characters (a tab counts as one). */
  indent: number;
  /** The line without leading/trailing whitespace. */
  text: string;
  words: string[];
}

/** Logical lines of a config; `!` separators are kept (they close blocks by dedent). */
export function splitConfigLines(text: string): ConfigLine[] {
  const raw = text.split(/\r\n|\r|\n/);
  const out: ConfigLine[] = [];
  let bannerEnd: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i];
    if (bannerEnd !== undefined) {
      // A banner body may contain anything, even "router lisp": skip until its delimiter.
      if (s.includes(bannerEnd)) bannerEnd = undefined;
      continue;
    }
    const trimmed = s.trim();
    if (trimmed === '') continue;
    const indent = s.length - s.trimStart().length;
    const words = trimmed.split(/\s+/);
    if (words[0] === 'end' && words.length === 1 && indent === 0) break;
    out.push({ line: i + 1, indent, text: trimmed, words });
    if (words[0] === 'banner') bannerEnd = bannerDelimiterOpen(trimmed);
  }
  return out;
}

/** For `banner motd ^C…`, the delimiter still open at the end of the line, if any. */
function bannerDelimiterOpen(text: string): string | undefined {
  const m = /^banner\s+\S+\s+(\^C|\S)(.*)$/.exec(text);
  if (!m) return undefined;
  const [, delim, rest] = m;
  return rest.includes(delim) ? undefined : delim;
}

const GLOBAL_WORDS = new Set([
  'hostname',
  'interface',
  'router',
  'line',
  'banner',
  'vrf',
  'version',
  'service',
  'boot',
  'enable',
  'username',
  'aaa',
  'clock',
  'logging',
  'ntp',
  'snmp-server',
  'crypto',
  'license',
  'control-plane',
  'archive',
  'redundancy',
  'spanning-tree',
  'vlan',
  'key',
  'class-map',
  'policy-map',
  'access-list',
  'route-map',
  'platform',
  'memory',
  'diagnostic',
  'multilink',
  'subscriber',
  'login',
  'call-home',
]);
const GLOBAL_IP_WORDS = new Set([
  'route',
  'routing',
  'cef',
  'domain',
  'domain-name',
  'name-server',
  'http',
  'ssh',
  'forward-protocol',
  'vrf',
  'access-list',
  'prefix-list',
  'dhcp',
  'multicast-routing',
  'sla',
  'scp',
  'tftp',
  'ftp',
]);

/**
 * Commands of interface mode whose first words are also those of global commands: IOS tries a
 * line in the current mode first and leaves the mode only when the line is invalid there.
 */
const INTERFACE_ALSO = /^(spanning-tree|logging|ntp|crypto|enable|platform|clock|service instance|service-policy|ip dhcp|ip vrf (forwarding|receive|sitemap)|vrf forwarding)\b/;

/**
 * True when a line belongs to global mode although it is read inside `mode` (default: any
 * sub-mode). IOS parser rule: a command invalid in the current sub-mode is tried in the parent
 * modes up to global, so a global command ends an interface or router block whatever its
 * indentation. Used for configs printed without indentation and for hand-trimmed ones whose
 * indentation cannot be trusted (a ` router lisp` with one leading space after an interface).
 */
export function isGlobalCommand(words: readonly string[], mode?: string): boolean {
  const text = words.join(' ');
  // `service ipv4` (router lisp) and `vrf forwarding` (interface) share a first word with globals.
  if (/^service (ipv4|ipv6|ethernet)$/.test(text) || /^vrf forwarding\b/.test(text)) return false;
  if (mode === 'interface' && INTERFACE_ALSO.test(text)) return false;
  if (words[0] === 'ip' || words[0] === 'ipv6') return GLOBAL_IP_WORDS.has(words[1] ?? '') && !/^ip vrf forwarding\b/.test(text);
  return GLOBAL_WORDS.has(words[0]);
}
