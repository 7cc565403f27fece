// "Does my change fix it, and does it break something else?": two check reports of one property
// suite, run with the same options and seeds on a model and on a variant of it, compared
// property by property. PURE.

import { expectedForm, type CheckReport } from './check.js';

/**
 * fixed: violated before, holds (judged) after; broken: held before (judged or vacuously),
 * violated after; unchanged: the same verdict; changed: anything else (a hold that became
 * vacuous or the reverse, an unknown on either side).
 */
export type Change = 'fixed' | 'broken' | 'unchanged' | 'changed';

export interface ComparisonRow {
  id: string;
  before: string;
  after: string;
  change: Change;
}

export function compareReports(before: CheckReport, after: CheckReport): ComparisonRow[] {
  return before.properties.flatMap((b) => {
    const a = after.properties.find((x) => x.id === b.id);
    if (!a) return [];
    const [was, is] = [expectedForm(b), expectedForm(a)];
    const change: Change = was === is ? 'unchanged' : was === 'violated' && is === 'holds' ? 'fixed' : (was === 'holds' || was === 'vacuous') && is === 'violated' ? 'broken' : 'changed';
    return [{ id: b.id, before: was, after: is, change }];
  });
}
