import type { DecisionRecord } from '../ports/decision-log.js';

/** One kind of reason a gate gave, over every decision it blocked that way. */
export interface GateReasonGroup {
  readonly count: number;
  /**
   * The reason with each number that varied shown as its range (`confidence 0.419–0.427
   * is below the minimum 0.6`), and the symbol as "each symbol" when several were blocked.
   */
  readonly reason: string;
  /** The symbols blocked this way, each once, most recent first. */
  readonly symbols: readonly string[];
}

export interface GateBlockSummary {
  readonly decisions: number;
  readonly blocked: number;
  /** Most frequent blocking gates first, each with its most frequent kinds of reason. */
  readonly gates: readonly {
    readonly gate: string;
    readonly count: number;
    readonly reasons: readonly GateReasonGroup[];
    /** Blocks of this gate whose kind of reason is not among `reasons` (only the top ones are kept). */
    readonly otherCount: number;
  }[];
}

// A clock time (`09:30`) is part of the wording; any other number is a value that may vary.
const TOKENS = /(\d{1,2}:\d{2})|(-?\d+(?:,\d{3})*(?:\.\d+)?)/g;
const SYMBOL = '\u0000symbol\u0000';
const NUMBER = '\u0000#\u0000';

interface Accumulator {
  count: number;
  /** The wording with the symbol and the numbers taken out: the kind of reason. */
  readonly template: string;
  /** Per number slot: the smallest and largest value seen, as written. */
  readonly slots: { min: string; max: string }[];
  readonly symbols: string[];
}

/**
 * What blocks trading, over the last decisions. A gate's reasons are grouped by their kind
 * (the wording without its numbers and symbol), and each number that differs within a kind
 * is shown as a range, so two blocks at 0.427 and 0.419 read `0.419–0.427`, not one value.
 */
export function summarizeGateBlocks(decisions: readonly DecisionRecord[], reasonsPerGate = 3): GateBlockSummary {
  const byGate = new Map<string, Map<string, Accumulator>>();
  let blocked = 0;
  // Newest first, so the symbol list starts with the latest one blocked.
  for (const d of [...decisions].reverse()) {
    if (d.outcome !== 'blocked') continue;
    blocked++;
    const verdict = d.trace.verdicts.find((v) => v.outcome === 'block');
    const gate = d.trace.blockedBy ?? verdict?.gate ?? 'unknown';
    const reason = verdict?.outcome === 'block' ? verdict.reason : 'no reason recorded';
    const groups = byGate.get(gate) ?? new Map<string, Accumulator>();
    byGate.set(gate, groups);
    addReason(groups, reason, d.proposal.symbol);
  }
  const gates = [...byGate].map(([gate, groups]) => {
    const sorted = [...groups.values()].sort((a, b) => b.count - a.count);
    const shown = sorted.slice(0, reasonsPerGate);
    const count = sorted.reduce((n, g) => n + g.count, 0);
    return { gate, count, reasons: shown.map(toGroup), otherCount: count - shown.reduce((n, g) => n + g.count, 0) };
  });
  return { decisions: decisions.length, blocked, gates: gates.sort((a, b) => b.count - a.count) };
}

function addReason(groups: Map<string, Accumulator>, reason: string, symbol: string): void {
  const values: string[] = [];
  const withoutSymbol = symbol === '' ? reason : reason.split(symbol).join(SYMBOL);
  const template = withoutSymbol.replace(TOKENS, (match, time: string | undefined) => {
    if (time !== undefined) return match;
    values.push(match);
    return NUMBER;
  });
  let group = groups.get(template);
  if (group === undefined) {
    group = { count: 0, template, slots: values.map((v) => ({ min: v, max: v })), symbols: [] };
    groups.set(template, group);
  }
  group.count++;
  values.forEach((value, i) => widen(group.slots[i], value));
  if (!group.symbols.includes(symbol)) group.symbols.push(symbol);
}

const numberOf = (text: string) => Number(text.replace(/,/g, ''));

function widen(slot: { min: string; max: string } | undefined, value: string): void {
  if (slot === undefined) return;
  if (numberOf(value) < numberOf(slot.min)) slot.min = value;
  if (numberOf(value) > numberOf(slot.max)) slot.max = value;
}

function toGroup(group: Accumulator): GateReasonGroup {
  let slot = 0;
  const numbers = group.template.split(NUMBER).reduce((text, part, i) => {
    if (i === 0) return part;
    const range = group.slots[slot++];
    const value = range === undefined ? '' : range.min === range.max ? range.min : `${range.min}–${range.max}`;
    return `${text}${value}${part}`;
  }, '');
  const symbolText = group.symbols.length === 1 ? (group.symbols[0] ?? '') : 'each symbol';
  return { count: group.count, reason: numbers.split(SYMBOL).join(symbolText), symbols: group.symbols };
}
