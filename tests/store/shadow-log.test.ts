import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GateTrace } from '../../src/engine/gates/gate.js';
import type { Proposal } from '../../src/engine/proposals/proposal.js';
import { createShadowLog, getShadowLogDir, type ShadowEntry } from '../../src/store/shadow-log.js';
import { makeTempDir } from './helpers.js';

const TRACE: GateTrace = {
  evaluatedAt: '2026-03-10T15:00:00.000Z',
  verdicts: [
    { gate: 'kill_switch', outcome: 'pass' },
    { gate: 'paused', outcome: 'block', reason: 'trading is paused (/resume to continue)' },
  ],
  blockedBy: 'paused',
  notEvaluated: ['market_open'],
  passed: false,
};

function makeEntry(n: number): ShadowEntry {
  return {
    at: new Date(Date.UTC(2026, 2, 10, 15, 0, n)).toISOString(),
    dataMode: 'PAPER',
    // Only the fields this log cares about; the engine owns the full shape.
    proposal: { id: `p-${n}`, symbol: 'AAPL' } as unknown as Proposal,
    trace: TRACE,
    outcome: 'blocked',
  };
}

const ids = (entries: readonly ShadowEntry[]): unknown[] => entries.map((e) => e.proposal.id);
const range = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `p-${from + i}`);
const LINE_BYTES = Buffer.byteLength(`${JSON.stringify(makeEntry(10))}\n`);

async function shadowDir(): Promise<string> {
  return getShadowLogDir(await makeTempDir());
}

describe('shadow log', () => {
  it('appends one JSON line per decision and reads them back in order', async () => {
    const dir = await shadowDir();
    const log = createShadowLog({ dir });
    await log.append(makeEntry(1));
    await log.append(makeEntry(2));
    const lines = (await readFile(path.join(dir, 'decisions.jsonl'), 'utf8')).split('\n');
    expect(lines, 'two complete lines and a final newline').toHaveLength(3);
    expect(JSON.parse(lines[0] ?? ''), 'the whole entry, trace included').toEqual(makeEntry(1));
    expect(await log.readRecent(10), 'oldest first, newest last').toEqual([makeEntry(1), makeEntry(2)]);
  });

  it('never interleaves concurrent appends', async () => {
    const dir = await shadowDir();
    const log = createShadowLog({ dir });
    await Promise.all(Array.from({ length: 100 }, (_, i) => log.append(makeEntry(i))));
    const lines = (await readFile(path.join(dir, 'decisions.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as ShadowEntry).proposal.id), 'every line whole, in call order').toEqual(range(0, 100));
  });

  it('rotates by size, keeps at most keepFiles rotated files, and reads across them', async () => {
    const dir = await shadowDir();
    const log = createShadowLog({ dir, maxBytes: LINE_BYTES * 3, keepFiles: 2 });
    for (let i = 10; i < 30; i += 1) await log.append(makeEntry(i));
    const files = (await readdir(dir)).sort();
    expect(files.filter((f) => /^decisions\.\d{8}T\d{9}Z\.jsonl$/.test(f)), 'two rotated files with sortable stamps').toHaveLength(2);
    expect(files, 'nothing else is left behind').toHaveLength(3);
    expect(ids(await log.readRecent(4)), 'the newest four span the current and a rotated file').toEqual(range(26, 30));
    expect(ids(await log.readRecent(1000)), 'three lines a file: the oldest files were pruned, the rest is contiguous').toEqual(range(22, 30));
  });

  it('picks up an existing file after a restart and still rotates at the limit', async () => {
    const dir = await shadowDir();
    const first = createShadowLog({ dir, maxBytes: LINE_BYTES * 2 });
    await first.append(makeEntry(10));
    await first.append(makeEntry(11));
    const second = createShadowLog({ dir, maxBytes: LINE_BYTES * 2 });
    await second.append(makeEntry(12));
    const current = await readFile(path.join(dir, 'decisions.jsonl'), 'utf8');
    expect(current, 'the full file was rotated before the third line').toBe(`${JSON.stringify(makeEntry(12))}\n`);
    expect(ids(await second.readRecent(10)), 'nothing lost across the rotation').toEqual(range(10, 13));
  });

  it('skips a torn last line and starts the next entry on a line of its own', async () => {
    const dir = await shadowDir();
    await mkdir(dir, { recursive: true });
    const torn = JSON.stringify(makeEntry(2)).slice(0, 40);
    await writeFile(path.join(dir, 'decisions.jsonl'), `${JSON.stringify(makeEntry(1))}\n${torn}`);
    const log = createShadowLog({ dir });
    expect(ids(await log.readRecent(10)), 'a crash mid-append loses only the torn line').toEqual(['p-1']);
    await log.append(makeEntry(3));
    expect(ids(await log.readRecent(10)), 'the new entry is not glued to the fragment').toEqual(['p-1', 'p-3']);
  });

  it('reads nothing from a log that was never written', async () => {
    const log = createShadowLog({ dir: await shadowDir() });
    expect(await log.readRecent(5), 'no directory yet').toEqual([]);
    await log.append(makeEntry(1));
    expect(await log.readRecent(0), 'a zero limit asks for nothing').toEqual([]);
  });

  it('keeps working after an append fails', async () => {
    const log = createShadowLog({ dir: await shadowDir() });
    const unserializable = { ...makeEntry(1), proposal: { size: 10n } as unknown as Proposal };
    await expect(log.append(unserializable), 'the caller learns of the failure').rejects.toThrow(TypeError);
    await log.append(makeEntry(2));
    expect(ids(await log.readRecent(10)), 'the queue is not poisoned').toEqual(['p-2']);
  });

  it.each([{ maxBytes: 0 }, { keepFiles: -1 }, { keepFiles: 1.5 }])('rejects the options %o', (options) => {
    expect(() => createShadowLog({ dir: 'unused', ...options }), 'a log that cannot rotate sensibly').toThrow(RangeError);
  });
});
